// POST /auth/token (halo-api.md §1.3): the client_credentials grant, form-encoded (JSON tolerated), with the
// client authenticated by HTTP Basic or by client_id/client_secret in the form. `tenant` may come in the query
// or the form and is ignored (one tenant per server; empty means the default, as n8n sends `?tenant=`).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OAuthError } from '../../auth/oauth-error.js';
import { issueClientCredentialsToken } from '../../auth/tokens/issue-client-credentials-token.js';
import { BadClientCredentials } from '../../auth/tokens/authenticate-client.js';
import { clientCredentialsFrom } from './client-auth.js';
import type { CredentialLimiter } from './limiters.js';

const TokenForm = z.looseObject({
  grant_type: z.string().optional().describe('Must be client_credentials'),
  client_id: z.string().optional().describe('Or send id and secret with HTTP Basic'),
  client_secret: z.string().optional(),
  scope: z.string().optional().describe('Space-separated Halo scopes; default "all"'),
  tenant: z.string().optional().describe('Accepted and ignored (single-tenant server)'),
});

const TokenQuery = z.looseObject({ tenant: z.string().optional() });

const TokenResponse = z.object({
  token_type: z.literal('Bearer'),
  access_token: z.string(),
  expires_in: z.number().int(),
  scope: z.string(),
});

const OAuthErrorBody = z.object({ error: z.string(), error_description: z.string() });

export function noStore(reply: FastifyReply): void {
  void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
}

export function registerTokenRoute(app: FastifyInstance, limiter: CredentialLimiter): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/auth/token',
    {
      schema: {
        tags: ['auth'],
        summary: 'Get a bearer token (OAuth 2.0 client credentials)',
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: TokenForm,
        querystring: TokenQuery,
        response: { 200: TokenResponse, 400: OAuthErrorBody, 401: OAuthErrorBody, 429: OAuthErrorBody },
      },
    },
    async (request, reply) => {
      noStore(reply);
      const form = request.body ?? {};
      const query = request.query as Record<string, unknown>;
      // A secret in a URL ends up in proxy and server logs: refuse it rather than accept it quietly.
      if ('client_secret' in query)
        throw new OAuthError('invalid_request', 'client_secret must not be sent in the query string');
      if (!form.grant_type) throw new OAuthError('invalid_request', 'grant_type is required');
      if (form.grant_type !== 'client_credentials') {
        throw new OAuthError(
          'unsupported_grant_type',
          `grant_type ${form.grant_type} is not supported; use client_credentials`,
        );
      }
      const creds = clientCredentialsFrom(request, form);
      const subject = `client:${creds.clientId}`;
      const wait = limiter.retryAfter(subject, request.ip);
      if (wait > 0)
        throw new OAuthError('too_many_requests', 'Too many failed attempts; try again later', wait);
      try {
        const issued = await issueClientCredentialsToken(
          request.server.services.db,
          { clientId: creds.clientId, clientSecret: creds.clientSecret, scope: form.scope },
          { now: new Date(), ttlSeconds: request.server.services.config.tokenTtlSeconds },
        );
        limiter.succeeded(subject, request.ip);
        request.log.info(
          {
            applicationId: issued.applicationId,
            scope: issued.scope,
            tenant: query.tenant ?? form.tenant ?? '',
          },
          'token issued',
        );
        return {
          token_type: issued.token_type,
          access_token: issued.access_token,
          expires_in: issued.expires_in,
          scope: issued.scope,
        };
      } catch (e) {
        if (e instanceof BadClientCredentials) {
          limiter.failed(subject, request.ip);
          request.log.warn(
            { clientId: creds.clientId, ip: request.ip },
            'token request with bad client credentials',
          );
          if (creds.viaBasic) void reply.header('www-authenticate', 'Basic realm="tributary"');
        }
        throw e;
      }
    },
  );
}

/** Error handler for the /auth scope: every failure is RFC 6749 JSON, never the console's error shape. */
export function oauthErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  noStore(reply);
  let e: OAuthError;
  if (error instanceof OAuthError) e = error;
  else {
    const fe = error as { statusCode?: number; validation?: unknown; message?: string };
    if (
      fe.validation !== undefined ||
      (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500)
    ) {
      e = new OAuthError('invalid_request', `Malformed request: ${fe.message ?? 'invalid parameters'}`);
    } else {
      request.log.error({ err: error }, 'token endpoint failed');
      e = new OAuthError('server_error', 'An internal error occurred');
    }
  }
  if (e.retryAfterSeconds !== undefined) void reply.header('retry-after', String(e.retryAfterSeconds));
  return reply.status(e.status).send(e.toJSON());
}
