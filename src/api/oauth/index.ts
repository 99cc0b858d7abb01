// The authorisation server: POST /auth/token, POST /auth/revoke, and discovery at GET /api/authinfo.
// Clients told the auth server is http://host:port/auth post to {auth}/token, which is /auth/token here.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CredentialLimiter, type AuthLimits } from './limiters.js';
import { publicBase } from './public-base.js';
import { oauthErrorHandler, registerTokenRoute } from './token-route.js';
import { registerRevokeRoute } from './revoke-route.js';

export interface OAuthRoutesOptions {
  limits?: AuthLimits;
}

export async function oauthRoutes(app: FastifyInstance, options: OAuthRoutesOptions = {}): Promise<void> {
  const limiter = new CredentialLimiter(options.limits);
  await app.register(async (scope) => {
    scope.setErrorHandler(oauthErrorHandler);
    registerTokenRoute(scope, limiter);
    registerRevokeRoute(scope, limiter);
  });

  // PowerShell's HaloAPI module calls this without a token before logging in (halo-api.md §1.2).
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/authinfo',
    {
      schema: {
        tags: ['auth'],
        summary: 'Where to get a token (no authentication needed)',
        response: { 200: z.object({ auth_url: z.string(), tenant_id: z.string().optional() }) },
      },
    },
    async (request) => ({ auth_url: `${publicBase(request)}/auth` }),
  );
}
