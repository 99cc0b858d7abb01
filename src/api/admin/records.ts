// The console's read-only record lists and detail views: search, paging, and where each record came from.
// Under /admin/api/records/<type> so they never collide with the areas' own admin routes (e.g. /agents).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxFrom } from '../context.js';
import { getRecord, listRecords, RECORD_TYPES } from '../../core/records/index.js';

const TypeParams = z.object({ type: z.enum(RECORD_TYPES) });
const ListQuery = z.object({
  search: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  status: z.enum(['active', 'inactive', 'all']).default('all'),
});

export async function recordRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/records/:type',
    {
      schema: {
        tags: ['console: records'],
        summary: 'List customers, sites, users, agents, tickets, licences or assets with search and paging',
        security: [{ session: [] }],
        params: TypeParams,
        querystring: ListQuery,
      },
    },
    async (request) => {
      const { search, page, pageSize, status } = request.query;
      return listRecords(ctxFrom(request), request.params.type, { search: search || undefined, page, pageSize, status });
    },
  );

  r.get(
    '/records/:type/:id',
    {
      schema: {
        tags: ['console: records'],
        summary: 'One record with its details and the integration instances it came from',
        security: [{ session: [] }],
        params: TypeParams.extend({ id: z.coerce.number().int().positive() }),
      },
    },
    async (request) => getRecord(ctxFrom(request), request.params.type, request.params.id),
  );
}
