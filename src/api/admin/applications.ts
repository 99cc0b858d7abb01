// The console's API applications: list, create (secret shown once), update, regenerate the secret (shown
// once; old secret and its tokens stop working), revoke tokens. Admin only (checked in the use cases).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxFrom } from '../context.js';
import { noStore } from '../oauth/token-route.js';
import { KNOWN_SCOPES } from '../../auth/scopes.js';
import { createApplication } from '../../auth/applications/create-application.js';
import { listApplications } from '../../auth/applications/list-applications.js';
import { updateApplication } from '../../auth/applications/update-application.js';
import { regenerateApplicationSecret } from '../../auth/applications/regenerate-application-secret.js';
import { revokeApplicationTokens } from '../../auth/applications/revoke-application-tokens.js';
import { listApplicationTokens } from '../../auth/tokens/list-application-tokens.js';
import { revokeToken } from '../../auth/tokens/revoke-token.js';

const Scopes = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .describe('Halo scopes, space-separated or a list, e.g. "all" or ["read:tickets","edit:customers"]');

const Application = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
  auth_method: z.enum(['client_credentials', 'api_key']),
  client_id: z.string(),
  login_agent_id: z.number().int(),
  login_agent_name: z.string(),
  scopes: z.array(z.string()),
  secret_created_at: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  active_tokens: z.number().int(),
});

const Issued = z.object({
  application: Application,
  client_id: z.string(),
  client_secret: z.string().optional().describe('Shown only in this response'),
  api_key: z.string().optional().describe('Shown only in this response; send as X-Halo-Api-Key'),
});

const CreateBody = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullable().optional(),
  login_agent_id: z.number().int().positive(),
  scopes: Scopes.optional(),
  auth_method: z.enum(['client_credentials', 'api_key']).optional(),
  active: z.boolean().optional(),
});

const UpdateBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(2000).nullable().optional(),
  login_agent_id: z.number().int().positive().optional(),
  scopes: Scopes.optional(),
  active: z.boolean().optional(),
});

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const TokenParams = z.object({
  id: z.coerce.number().int().positive(),
  tokenId: z.coerce.number().int().positive(),
});
const Token = z.object({
  id: z.number().int(),
  scope: z.string(),
  created_at: z.string(),
  expires_at: z.string(),
  revoked_at: z.string().nullable(),
});

/** Drops keys whose value is undefined (exactOptionalPropertyTypes: absent and undefined differ). */
function defined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

export async function applicationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['applications'];

  r.get(
    '/applications',
    {
      schema: {
        tags,
        summary: 'List API applications (never shows secrets)',
        response: { 200: z.array(Application) },
      },
    },
    async (request) => listApplications(ctxFrom(request)),
  );

  r.get(
    '/applications/scopes',
    {
      schema: { tags, summary: 'The scopes an application may hold', response: { 200: z.array(z.string()) } },
    },
    async () => [...KNOWN_SCOPES],
  );

  r.post(
    '/applications',
    {
      schema: {
        tags,
        summary: 'Create an API application; the secret is shown once',
        body: CreateBody,
        response: { 201: Issued },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const issued = await createApplication(ctxFrom(request), {
        ...defined(b),
        name: b.name,
        login_agent_id: b.login_agent_id,
      });
      noStore(reply);
      return reply.status(201).send(issued);
    },
  );

  r.patch(
    '/applications/:id',
    {
      schema: {
        tags,
        summary: 'Update an API application',
        params: IdParams,
        body: UpdateBody,
        response: { 200: Application },
      },
    },
    async (request) => updateApplication(ctxFrom(request), request.params.id, defined(request.body)),
  );

  r.post(
    '/applications/:id/regenerate-secret',
    {
      schema: {
        tags,
        summary: 'Replace the secret (shown once); the old secret and all its tokens stop working',
        params: IdParams,
        response: { 200: Issued },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return regenerateApplicationSecret(ctxFrom(request), request.params.id);
    },
  );

  r.post(
    '/applications/:id/revoke-tokens',
    {
      schema: {
        tags,
        summary: 'Revoke every token of the application',
        params: IdParams,
        response: { 200: z.object({ revoked: z.number().int() }) },
      },
    },
    async (request) => revokeApplicationTokens(ctxFrom(request), request.params.id),
  );

  r.get(
    '/applications/:id/tokens',
    {
      schema: {
        tags,
        summary: "The application's tokens (metadata only)",
        params: IdParams,
        response: { 200: z.array(Token) },
      },
    },
    async (request) => listApplicationTokens(ctxFrom(request), request.params.id),
  );

  r.delete(
    '/applications/:id/tokens/:tokenId',
    { schema: { tags, summary: 'Revoke one token', params: TokenParams } },
    async (request, reply) => {
      await revokeToken(ctxFrom(request), request.params.id, request.params.tokenId);
      return reply.status(204).send();
    },
  );
}
