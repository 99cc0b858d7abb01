// Resolves the caller into request.actor: a bearer token or X-Halo-Api-Key (an API application acting as its
// login agent), or the console's session cookie (an agent). It never rejects a request itself, because public
// routes exist (/auth/token, /api/authinfo, /healthz, /docs, the console's files); protected route groups add
// the `requireAuthenticated` preHandler, which answers 401 (or 403 for a failed CSRF check).
//
// CSRF rule for cookie-authenticated requests: POST, PUT and PATCH must send `Content-Type: application/json`
// or an `X-Requested-With` header (any value; handy for body-less POSTs). A cross-site page can send neither
// without a CORS preflight, which we never grant. DELETE needs nothing more because browsers always preflight
// it. SameSite=Lax on the cookie is the first line of defence; this is the second.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, unauthenticated } from '../../core/errors.js';
import { resolveBearerToken } from '../../auth/tokens/resolve-bearer-token.js';
import { resolveApiKey } from '../../auth/tokens/resolve-api-key.js';
import { resolveSession } from '../../auth/sessions/resolve-session.js';
import { SESSION_COOKIE } from '../../auth/sessions/session-settings.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Why the presented credentials were refused (null when none were presented, or they were fine). */
    authFailure: AppError | null;
    /** How the actor authenticated; decides the WWW-Authenticate challenge and the CSRF rule. */
    authScheme: 'bearer' | 'api_key' | 'session' | null;
  }
  interface FastifyContextConfig {
    /** Routes inside a protected group that must stay reachable without credentials (e.g. console sign-in). */
    public?: boolean;
  }
}

const REALM = 'tributary';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export const invalidToken = () =>
  new AppError('INVALID_TOKEN', 'auth', 'The access token is invalid, expired or revoked');
const invalidApiKey = () =>
  new AppError('INVALID_API_KEY', 'auth', 'The API key is invalid or its application is disabled');
const sessionEnded = () => new AppError('SESSION_EXPIRED', 'auth', 'Your session has ended; sign in again');
const csrfRejected = () =>
  new AppError(
    'CSRF_CHECK_FAILED',
    'forbidden',
    'Requests authenticated by the session cookie must send Content-Type: application/json or an X-Requested-With header',
    {
      details: [{ field: 'content-type', message: 'must be application/json (or send X-Requested-With)' }],
    },
  );

/** True when a browser could only have sent this request after a CORS preflight (see the CSRF rule above). */
export function passesCsrfRule(request: FastifyRequest): boolean {
  return isJsonRequest(request) || typeof request.headers['x-requested-with'] === 'string';
}

export function isJsonRequest(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  return typeof type === 'string' && /^application\/json\s*(;|$)/i.test(type.trim());
}

function bearerFrom(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(.*)$/i.exec(header.trim());
  return m ? (m[1] ?? '').trim() : undefined;
}

export const authenticatePlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('authFailure', null);
  app.decorateRequest('authScheme', null);

  app.addHook('onRequest', async (request) => {
    const { db } = app.services;
    const now = new Date();
    const bearer = bearerFrom(request);
    if (bearer !== undefined) {
      request.authScheme = 'bearer';
      const actor = bearer ? await resolveBearerToken(db, bearer, now) : null;
      if (actor) request.actor = actor;
      else request.authFailure = invalidToken();
      return;
    }
    const apiKey = request.headers['x-halo-api-key'];
    if (typeof apiKey === 'string' && apiKey.trim()) {
      request.authScheme = 'api_key';
      const actor = await resolveApiKey(db, apiKey.trim());
      if (actor) request.actor = actor;
      else request.authFailure = invalidApiKey();
      return;
    }
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId) {
      request.authScheme = 'session';
      const actor = await resolveSession(db, sessionId, now);
      if (!actor) request.authFailure = sessionEnded();
      else if (UNSAFE_METHODS.has(request.method) && !passesCsrfRule(request))
        request.authFailure = csrfRejected();
      else request.actor = actor;
    }
  });

  // RFC 6750 §3.1: a token that lacks the needed scope gets 403 with error="insufficient_scope".
  app.addHook('onSend', async (request, reply) => {
    if (reply.statusCode === 403 && request.authScheme === 'bearer' && request.actor) {
      void reply.header('www-authenticate', `Bearer realm="${REALM}", error="insufficient_scope"`);
    }
  });
});

/**
 * preHandler for protected route groups (/api, /admin/api): 401 without valid credentials, with the RFC 6750
 * challenge for bearer clients. Routes with `config: { public: true }` pass through.
 */
export async function requireAuthenticated(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.routeOptions.config.public === true) return;
  if (request.actor) return;
  const failure = request.authFailure;
  if (failure?.kind === 'forbidden') throw failure;
  if (request.authScheme === 'bearer') {
    void reply.header(
      'www-authenticate',
      `Bearer realm="${REALM}", error="invalid_token", error_description="The access token is invalid, expired or revoked"`,
    );
  } else if (request.authScheme !== 'session') {
    void reply.header('www-authenticate', `Bearer realm="${REALM}"`);
  }
  throw failure ?? unauthenticated();
}
