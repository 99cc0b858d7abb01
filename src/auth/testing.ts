// Test support for any area: make an API application with a real token (or a signed-in console agent) in a
// test database, and build the real HTTP app over it. Everything goes through the production use cases.
//
//   const { authorization } = await createTestApplication(db, { scopes: 'edit:tickets', permissions: ['tickets:edit'] });
//   await app.inject({ method: 'POST', url: '/api/Tickets', headers: { authorization }, payload: [...] });
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from '../api/app.js';
import { loadConfig, type Config } from '../config/env.js';
import { systemActor, type Ctx } from '../core/context.js';
import type { Permission } from '../core/permissions.js';
import { createCipher, newKey, ringFrom } from '../crypto/index.js';
import type { Db } from '../db/transaction.js';
import type { DialectName } from '../db/database.js';
import { createLogger } from '../log.js';
import type { Services } from '../services.js';
import { createAgent } from './agents/create-agent.js';
import { createApplication } from './applications/create-application.js';
import { createRole } from './roles/create-role.js';
import { logIn } from './sessions/log-in.js';
import { SESSION_COOKIE } from './sessions/session-settings.js';
import { issueClientCredentialsToken } from './tokens/issue-client-credentials-token.js';

export interface TestApplication {
  applicationId: number;
  /** The API-only agent the application logs in as. */
  agentId: number;
  clientId: string;
  clientSecret: string;
  /** A bearer token from the real client_credentials grant. */
  token: string;
  /** `Bearer <token>`, ready for an Authorization header. */
  authorization: string;
  /** The scope the token was issued with. */
  scope: string;
}

export interface TestApplicationOptions {
  /** The application's scopes (space-separated or a list); default "all". */
  scopes?: string | string[];
  /** The login agent's role permissions; default ["admin"]. */
  permissions?: Permission[];
  /** The scope asked for at the token endpoint; default: the application's scopes. */
  requestScope?: string;
  name?: string;
  ttlSeconds?: number;
}

export function testCtx(db: Db): Ctx {
  return { db, actor: systemActor(), log: createLogger('silent'), now: () => new Date() };
}

async function agentWithPermissions(
  db: Db,
  permissions: Permission[],
  opts: { apiOnly: boolean; login?: string; password?: string },
): Promise<number> {
  const ctx = testCtx(db);
  const tag = crypto.randomBytes(4).toString('hex');
  const role = await createRole(ctx, { name: `test-role-${tag}`, permissions });
  const agent = await createAgent(ctx, {
    name: `Test agent ${tag}`,
    is_api_only: opts.apiOnly,
    roles: [role.id],
    ...(opts.login !== undefined && { login: opts.login }),
    ...(opts.password !== undefined && { password: opts.password }),
  });
  return agent.id;
}

/** Creates a role with `permissions`, an API-only agent with that role, an application with `scopes`, and a token. */
export async function createTestApplication(
  db: Db,
  options: TestApplicationOptions = {},
): Promise<TestApplication> {
  const agentId = await agentWithPermissions(db, options.permissions ?? ['admin'], { apiOnly: true });
  const scopes = options.scopes ?? 'all';
  const issued = await createApplication(testCtx(db), {
    name: options.name ?? 'Test application',
    login_agent_id: agentId,
    scopes,
  });
  if (!issued.client_secret) throw new Error('expected a client secret');
  const token = await issueClientCredentialsToken(
    db,
    {
      clientId: issued.client_id,
      clientSecret: issued.client_secret,
      scope: options.requestScope ?? (Array.isArray(scopes) ? scopes.join(' ') : scopes),
    },
    { now: new Date(), ttlSeconds: options.ttlSeconds ?? 3600 },
  );
  return {
    applicationId: issued.application.id,
    agentId,
    clientId: issued.client_id,
    clientSecret: issued.client_secret,
    token: token.access_token,
    authorization: `Bearer ${token.access_token}`,
    scope: token.scope,
  };
}

export interface TestConsoleAgent {
  agentId: number;
  login: string;
  password: string;
  /** `tributary_session=<id>`, ready for a Cookie header. */
  cookie: string;
}

/** Creates an interactive agent with `permissions` (default admin) and signs it in. */
export async function createTestConsoleAgent(
  db: Db,
  permissions: Permission[] = ['admin'],
): Promise<TestConsoleAgent> {
  const login = `agent-${crypto.randomBytes(4).toString('hex')}`;
  const password = crypto.randomBytes(12).toString('base64url');
  const agentId = await agentWithPermissions(db, permissions, { apiOnly: false, login, password });
  const session = await logIn(db, { login, password }, new Date());
  return { agentId, login, password, cookie: `${SESSION_COOKIE}=${session.sessionId}` };
}

/** Services over a test database, with a throwaway master key and a silent logger unless one is given. */
export function testServices(
  handle: { db: Db; dialect: DialectName },
  options: { log?: Logger; config?: Partial<Config> } = {},
): Services {
  return {
    db: handle.db,
    dialect: handle.dialect,
    config: { ...loadConfig({}), ...options.config },
    log: options.log ?? createLogger('silent'),
    cipher: createCipher(ringFrom([newKey()], 'test')),
  };
}

/** The real HTTP app (real authentication) over a test database. */
export async function buildTestApp(
  handle: { db: Db; dialect: DialectName },
  options: { log?: Logger; config?: Partial<Config> } = {},
): Promise<FastifyInstance> {
  const app = await buildApp(testServices(handle, options));
  await app.ready();
  return app;
}
