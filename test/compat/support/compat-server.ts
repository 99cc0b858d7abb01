// Starts a REAL Tributary (startServer: boot, migrations, listen on loopback) over a fresh SQLite data
// directory or PostgreSQL database, seeds a realistic dataset with bulk SQL, and creates an API application
// the way an admin would. Compatibility tests then talk to it only over HTTP with fetch, as the tools do.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startServer, type RunningServer } from '../../../src/server.js';
import { createTestApplication, testCtx } from '../../../src/auth/testing.js';
import type { Permission } from '../../../src/core/permissions.js';
import type { Db } from '../../../src/db/transaction.js';
import { TEST_PG_ADMIN_URL, testDialects } from '../../../src/db/testing.js';
import { createLogger } from '../../../src/log.js';
import { createTeam } from '../../../src/core/teams/save-team.js';
import { createApplication } from '../../../src/auth/applications/create-application.js';

export type Dialect = 'sqlite' | 'postgres';

export interface SeedOptions {
  /** How many clients to insert (each with one "Main" site). Default 1,200: more than one 1,000-page. */
  clients?: number;
  /** Users for each of the first few clients. */
  usersPerClient?: number;
  usersForClients?: number;
}

export interface Seeded {
  clientIds: number[];
  /** Client id → its main site id. */
  mainSite: Map<number, number>;
  /** Users of the first clients: client id → user ids. */
  users: Map<number, number[]>;
  teamName: string;
  teamId: number;
  /** An active, assignable (not API-only) agent who is in the team. */
  agentId: number;
}

export interface Credentials {
  clientId: string;
  clientSecret: string;
  agentId: number;
}

export interface CompatServer {
  dialect: Dialect;
  /** http://127.0.0.1:port */
  url: string;
  /** 127.0.0.1:port (what a user types into a "Domain" field) */
  host: string;
  db: Db;
  seed: Seeded;
  /** An application with scopes "all" whose login agent is an admin. */
  app: Credentials;
  /** Another application with the given scopes/permissions. */
  newApplication(scopes: string, permissions?: Permission[]): Promise<Credentials>;
  /** An application using the static X-Halo-Api-Key method, logging in as the main application's agent. */
  newApiKey(scopes: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The dialects a compatibility file runs on: TEST_DIALECTS (default both), minus PostgreSQL when it is not
 * reachable outside CI (a skip, with the reason printed). Under CI a missing PostgreSQL fails the file.
 */
export async function compatDialects(): Promise<Dialect[]> {
  const wanted = testDialects();
  if (wanted.includes('postgres') && !(await postgresAvailable())) {
    process.stderr.write(
      `compat: PostgreSQL at ${TEST_PG_ADMIN_URL} is not reachable; running on SQLite only\n`,
    );
    return wanted.filter((d) => d !== 'postgres');
  }
  return wanted;
}

/** Under CI a missing PostgreSQL must fail; elsewhere the caller may skip. */
export async function postgresAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI (${TEST_PG_ADMIN_URL})`);
    return false;
  }
}

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function startCompatServer(
  dialect: Dialect = 'sqlite',
  options: SeedOptions = {},
): Promise<CompatServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-compat-'));
  let databaseUrl: string | undefined;
  let dropDb = async (): Promise<void> => undefined;
  if (dialect === 'postgres') {
    const name = `tributary_compat_${crypto.randomBytes(5).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const u = new URL(TEST_PG_ADMIN_URL);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDb = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  let server: RunningServer;
  try {
    server = await startServer({
      logger: createLogger('silent'),
      overrides: {
        dataDir,
        databaseUrl,
        port: 0,
        host: '127.0.0.1',
        publicUrl: undefined,
        embeddedIntegrator: false,
        adminPassword: crypto.randomBytes(12).toString('base64url'),
        logLevel: 'silent',
      },
    });
  } catch (e) {
    await dropDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const db = server.app.services.db;
  const seed = await seedDataset(db, options);
  const newApplication = async (
    scopes: string,
    permissions: Permission[] = ['admin'],
  ): Promise<Credentials> => {
    const a = await createTestApplication(db, { scopes, permissions, name: `Compat ${scopes}` });
    return { clientId: a.clientId, clientSecret: a.clientSecret, agentId: a.agentId };
  };
  const app = await newApplication('all');
  // ConnectSecure's KB: the API agent must be in the teams it creates tickets for.
  await db.insertInto('team_members').values({ team_id: seed.teamId, agent_id: app.agentId }).execute();
  return {
    dialect,
    url: server.url,
    host: server.url.replace(/^https?:\/\//, ''),
    db,
    seed,
    app,
    newApplication,
    newApiKey: async (scopes) => {
      const issued = await createApplication(testCtx(db), {
        name: `Compat key ${scopes}`,
        login_agent_id: app.agentId,
        scopes,
        auth_method: 'api_key',
      });
      if (!issued.api_key) throw new Error('expected an API key');
      return issued.api_key;
    },
    close: async () => {
      await server.close();
      await dropDb();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function inChunks<T>(rows: T[], size: number, run: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await run(rows.slice(i, i + size));
}

/** Bulk SQL: clients, one main site each, a few users, a team with an assignable agent. */
async function seedDataset(db: Db, options: SeedOptions): Promise<Seeded> {
  const count = options.clients ?? 1200;
  const now = new Date().toISOString();
  const stamps = { created_at: now, updated_at: now };
  const names = Array.from({ length: count }, (_, i) => `Compat Client ${String(i + 1).padStart(5, '0')}`);
  await inChunks(names, 250, (chunk) =>
    db
      .insertInto('customers')
      .values(
        chunk.map((name) => ({
          name,
          toplevel_id: null,
          website: null,
          notes: null,
          main_site_id: null,
          ...stamps,
        })),
      )
      .execute(),
  );
  const customers = await db
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('name', 'like', 'Compat Client %')
    .orderBy('id')
    .execute();
  const clientIds = customers.map((c) => c.id);
  await inChunks(clientIds, 250, (chunk) =>
    db
      .insertInto('sites')
      .values(
        chunk.map((customer_id) => ({
          customer_id,
          name: 'Main',
          phone: null,
          timezone: null,
          notes: null,
          address_line1: null,
          address_line2: null,
          address_city: null,
          address_postcode: null,
          address_country: null,
          ...stamps,
        })),
      )
      .execute(),
  );
  const sites = await db
    .selectFrom('sites')
    .select(['id', 'customer_id'])
    .where('customer_id', 'in', clientIds)
    .execute();
  const mainSite = new Map(sites.map((s) => [s.customer_id, s.id]));
  await db
    .updateTable('customers')
    .set((eb) => ({
      main_site_id: eb
        .selectFrom('sites')
        .select((e) => e.fn.min('sites.id').as('m'))
        .whereRef('sites.customer_id', '=', 'customers.id'),
    }))
    .where('id', 'in', clientIds)
    .execute();
  const users = new Map<number, number[]>();
  const perClient = options.usersPerClient ?? 3;
  for (const clientId of clientIds.slice(0, options.usersForClients ?? 5)) {
    const siteId = mainSite.get(clientId) ?? 0;
    const rows = Array.from({ length: perClient }, (_, j) => ({
      customer_id: clientId,
      site_id: siteId,
      name: `User ${clientId}-${j + 1}`,
      firstname: 'User',
      surname: `${clientId}-${j + 1}`,
      email: `user${j + 1}@client${clientId}.example`,
      phone: null,
      mobile: null,
      title: null,
      department: null,
      office: null,
      manager: null,
      employee_id: null,
      login: null,
      notes: null,
      ...stamps,
    }));
    await db.insertInto('end_users').values(rows).execute();
    const ids = await db
      .selectFrom('end_users')
      .select('id')
      .where('customer_id', '=', clientId)
      .orderBy('id')
      .execute();
    users.set(
      clientId,
      ids.map((r) => r.id),
    );
  }
  const team = await createTeam(testCtx(db), { name: 'Security Operations' });
  await db
    .insertInto('agents')
    .values({
      name: 'Alice Analyst',
      firstname: 'Alice',
      surname: 'Analyst',
      initials: 'AA',
      email: 'alice@msp.example',
      jobtitle: null,
      phone: null,
      login: null,
      password_hash: null,
      default_team_id: team.id,
      ...stamps,
    })
    .execute();
  const agent = await db
    .selectFrom('agents')
    .select('id')
    .where('email', '=', 'alice@msp.example')
    .executeTakeFirstOrThrow();
  await db.insertInto('team_members').values({ team_id: team.id, agent_id: agent.id }).execute();
  return { clientIds, mainSite, users, teamName: 'Security Operations', teamId: team.id, agentId: agent.id };
}
