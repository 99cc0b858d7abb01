// POST /auth/revoke (RFC 7009): a client revokes one of its own tokens. Answers 200 whether or not the token
// existed, so it cannot be used to probe for valid tokens.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OAuthError } from '../../auth/oauth-error.js';
import { authenticateClient, BadClientCredentials } from '../../auth/tokens/authenticate-client.js';
import { revokeOwnToken } from '../../auth/tokens/revoke-token.js';
import { clientCredentialsFrom } from './client-auth.js';
import type { CredentialLimiter } from './limiters.js';
import { noStore } from './token-route.js';

const RevokeForm = z.looseObject({
  token: z.string().optional(),
  token_type_hint: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
});

export function registerRevokeRoute(app: FastifyInstance, limiter: CredentialLimiter): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/auth/revoke',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your own access tokens (RFC 7009)',
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: RevokeForm,
      },
    },
    async (request, reply) => {
      noStore(reply);
      const form = request.body ?? {};
      if (!form.token) throw new OAuthError('invalid_request', 'token is required');
      const creds = clientCredentialsFrom(request, form);
      const subject = `client:${creds.clientId}`;
      const wait = limiter.retryAfter(subject, request.ip);
      if (wait > 0)
        throw new OAuthError('too_many_requests', 'Too many failed attempts; try again later', wait);
      try {
        const client = await authenticateClient(
          request.server.services.db,
          creds.clientId,
          creds.clientSecret,
        );
        limiter.succeeded(subject, request.ip);
        await revokeOwnToken(request.server.services.db, client.id, form.token, new Date());
        return reply.status(200).send({});
      } catch (e) {
        if (e instanceof BadClientCredentials) limiter.failed(subject, request.ip);
        throw e;
      }
    },
  );
}
