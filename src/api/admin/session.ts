// The console's sign-in: POST /admin/api/session {login, password} sets the HttpOnly, SameSite=Lax
// `tributary_session` cookie (Secure over HTTPS); GET returns the signed-in agent or 401; DELETE signs out.
// CSRF: sign-in must be JSON (or carry X-Requested-With); cookie-authenticated POST/PUT/PATCH elsewhere are
// held to the same rule by the authenticate plugin.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, isAppError, unauthenticated } from '../../core/errors.js';
import { loadAgentPermissions } from '../../auth/agent-permissions.js';
import { logIn } from '../../auth/sessions/log-in.js';
import { changeOwnPassword } from '../../auth/sessions/change-own-password.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../auth/password-policy.js';
import { logOut } from '../../auth/sessions/log-out.js';
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from '../../auth/sessions/session-settings.js';
import { CredentialLimiter, type AuthLimits } from '../oauth/limiters.js';
import { passesCsrfRule } from '../plugins/authenticate.js';

const LoginBody = z.object({
  login: z.string().trim().min(1, 'is required').max(320),
  password: z.string().min(1, 'is required').max(1024),
});

const SessionAgent = z.object({
  id: z.number().int(),
  name: z.string(),
  login: z.string().nullable(),
  email: z.string().nullable(),
  permissions: z.array(z.string()),
});

function isSecure(request: FastifyRequest): boolean {
  return (
    request.protocol === 'https' || (request.server.services.config.publicUrl ?? '').startsWith('https:')
  );
}

async function sessionAgent(request: FastifyRequest, agentId: number, permissions: string[]) {
  const agent = await request.server.services.db
    .selectFrom('agents')
    .select(['id', 'name', 'login', 'email'])
    .where('id', '=', agentId)
    .executeTakeFirstOrThrow();
  return { ...agent, permissions };
}

function clearCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export async function sessionRoutes(
  app: FastifyInstance,
  options: { limits?: AuthLimits } = {},
): Promise<void> {
  const limiter = new CredentialLimiter(options.limits);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/session',
    {
      config: { public: true },
      schema: {
        tags: ['session'],
        summary: 'Sign in to the console',
        body: LoginBody,
        response: { 200: SessionAgent },
      },
    },
    async (request, reply) => {
      if (!passesCsrfRule(request)) {
        throw new AppError('CSRF_CHECK_FAILED', 'input', 'Sign in with Content-Type: application/json', {
          status: 415,
          details: [{ field: 'content-type', message: 'must be application/json' }],
        });
      }
      const subject = `login:${request.body.login.toLowerCase()}`;
      const wait = limiter.retryAfter(subject, request.ip);
      if (wait > 0)
        throw new AppError(
          'TOO_MANY_ATTEMPTS',
          'rate_limited',
          'Too many failed sign-in attempts; try again later',
          { retryAfterSeconds: wait },
        );
      let session;
      try {
        session = await logIn(request.server.services.db, request.body, new Date());
      } catch (e) {
        if (isAppError(e) && e.code === 'INVALID_CREDENTIALS') {
          limiter.failed(subject, request.ip);
          request.log.warn({ login: request.body.login, ip: request.ip }, 'failed console sign-in');
        }
        throw e;
      }
      limiter.succeeded(subject, request.ip);
      void reply.setCookie(SESSION_COOKIE, session.sessionId, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: isSecure(request),
        maxAge: SESSION_TTL_SECONDS,
        expires: session.expiresAt,
      });
      const permissions = (await loadAgentPermissions(request.server.services.db, session.agentId)).toArray();
      request.log.info({ agentId: session.agentId }, 'console sign-in');
      return sessionAgent(request, session.agentId, permissions);
    },
  );

  r.get(
    '/session',
    {
      config: { public: true },
      schema: { tags: ['session'], summary: 'The signed-in agent', response: { 200: SessionAgent } },
    },
    async (request) => {
      const actor = request.actor;
      if (!actor || request.authScheme !== 'session' || actor.agentId === null)
        throw request.authFailure ?? unauthenticated('Not signed in');
      return sessionAgent(request, actor.agentId, actor.permissions.toArray());
    },
  );

  r.post(
    '/session/password',
    {
      schema: {
        tags: ['session'],
        summary: 'Change your own password (ends your other sessions)',
        body: z.object({
          current_password: z.string().min(1, 'is required').max(1024),
          new_password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
        }),
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      const sessionId = request.cookies[SESSION_COOKIE];
      if (!actor || request.authScheme !== 'session' || actor.agentId === null || !sessionId) {
        throw unauthenticated('Sign in to the console to change your password');
      }
      const subject = `agent:${actor.agentId}`;
      const wait = limiter.retryAfter(subject, request.ip);
      if (wait > 0) {
        throw new AppError('TOO_MANY_ATTEMPTS', 'rate_limited', 'Too many failed attempts; try again later', {
          retryAfterSeconds: wait,
        });
      }
      try {
        await changeOwnPassword(
          request.server.services.db,
          {
            agentId: actor.agentId,
            sessionId,
            currentPassword: request.body.current_password,
            newPassword: request.body.new_password,
          },
          new Date(),
        );
      } catch (e) {
        if (isAppError(e) && e.code === 'INVALID_CREDENTIALS') limiter.failed(subject, request.ip);
        throw e;
      }
      limiter.succeeded(subject, request.ip);
      request.log.info({ agentId: actor.agentId }, 'agent changed own password');
      return reply.status(204).send();
    },
  );

  r.delete(
    '/session',
    { config: { public: true }, schema: { tags: ['session'], summary: 'Sign out' } },
    async (request, reply) => {
      const sessionId = request.cookies[SESSION_COOKIE];
      if (sessionId) await logOut(request.server.services.db, sessionId);
      clearCookie(reply, isSecure(request));
      return reply.status(204).send();
    },
  );
}
