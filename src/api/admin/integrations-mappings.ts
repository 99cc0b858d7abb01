// Mappings of one instance: generate (exact names; ambiguous names to the review list), list (filter by
// status, e.g. ?status=ambiguous for the review list), add, edit, remove.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../core/errors.js';
import { generateMappings } from '../../integrations/framework/mappings/generate-mappings.js';
import {
  addMapping,
  editMapping,
  listMappingsWithPeople,
  MappingInputSchema,
  removeMapping,
} from '../../integrations/framework/mappings/edit-mappings.js';
import { ictx, IdParams, MappingParams, tags } from './integrations-context.js';

async function belongs(request: Parameters<typeof ictx>[0], id: number, mappingId: number): Promise<void> {
  const row = await ictx(request)
    .db.selectFrom('container_mappings')
    .select('instance_id')
    .where('id', '=', mappingId)
    .executeTakeFirst();
  if (!row || row.instance_id !== id) throw notFound('Mapping', mappingId);
}

export async function integrationMappingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/instances/:id/mappings/generate',
    { schema: { tags, summary: 'Generate mappings by exact name (never guesses)', params: IdParams } },
    async (request) => generateMappings(ictx(request), request.params.id),
  );

  r.get(
    '/instances/:id/mappings',
    {
      schema: {
        tags,
        summary:
          'Mappings incl. the review list (status ambiguous), each with the people it holds now (`people`: active and inactive records of this instance on its site or customer, or its agents by role and team; null where a mapping holds no people, as a vendor’s customer mapping)',
        params: IdParams,
        querystring: z.object({ status: z.enum(['mapped', 'ambiguous', 'unmatched']).optional() }),
      },
    },
    async (request) =>
      listMappingsWithPeople(
        ictx(request),
        request.params.id,
        request.query.status ? { status: request.query.status } : {},
      ),
  );

  r.post(
    '/instances/:id/mappings',
    {
      schema: {
        tags,
        summary: 'Map a container by hand (replaces a generated row)',
        params: IdParams,
        body: MappingInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addMapping(ictx(request), request.params.id, request.body)),
  );

  r.patch(
    '/instances/:id/mappings/:mappingId',
    {
      schema: {
        tags,
        summary: 'Edit a mapping (it becomes manual)',
        params: MappingParams,
        body: MappingInputSchema.omit({ externalId: true }),
      },
    },
    async (request) => {
      await belongs(request, request.params.id, request.params.mappingId);
      return editMapping(ictx(request), request.params.mappingId, request.body);
    },
  );

  r.delete(
    '/instances/:id/mappings/:mappingId',
    { schema: { tags, summary: 'Remove a mapping', params: MappingParams } },
    async (request, reply) => {
      await belongs(request, request.params.id, request.params.mappingId);
      await removeMapping(ictx(request), request.params.mappingId);
      return reply.status(204).send();
    },
  );
}
