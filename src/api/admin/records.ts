// The console's read-only record lists and detail views: search, paging, and where each record came from.
// Under /admin/api/records/<type> so they never collide with the areas' own admin routes (e.g. /agents).
// Also the Settings screen's read-only status (/admin/api/settings/status), which no other area serves.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxFrom } from '../context.js';
import { requireAdmin } from '../../core/context.js';
import { getRecord, listRecords, RECORD_TYPES } from '../../core/records/index.js';

const TypeParams = z.object({ type: z.enum(RECORD_TYPES) });
const ListQuery = z.object({
  search: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  status: z.enum(['active', 'inactive', 'all']).default('all'),
  /** Comma-separated record ids, to fetch a known set (e.g. names for mapping candidates). */
  ids: z
    .string()
    .regex(/^\d+(,\d+){0,199}$/, 'must be up to 200 comma-separated ids')
    .transform((v) => v.split(',').map(Number))
    .optional(),
  /** Only this customer's records (sites, users). */
  customerId: z.coerce.number().int().positive().optional(),
  /** Only the records on this site (users). */
  siteId: z.coerce.number().int().positive().optional(),
});

export async function recordRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  await app.register(settingsStatusRoutes);

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
      const { search, page, pageSize, status, ids, customerId, siteId } = request.query;
      return listRecords(ctxFrom(request), request.params.type, {
        search: search || undefined,
        page,
        pageSize,
        status,
        ids,
        customerId,
        siteId,
      });
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

/** What the Settings screen shows: how e-mail and the master key are set up (never a secret or a password). */
export function describeSettings(services: FastifyInstance['services']) {
  const { config, cipher, dialect } = services;
  let smtp: {
    configured: boolean;
    host: string | null;
    port: number | null;
    secure: boolean;
    from: string | null;
  } = {
    configured: false,
    host: null,
    port: null,
    secure: false,
    from: null,
  };
  if (config.smtp) {
    try {
      const u = new URL(config.smtp.url);
      const secure = u.protocol === 'smtps:';
      smtp = {
        configured: true,
        host: u.hostname,
        port: u.port ? Number(u.port) : secure ? 465 : 587,
        secure,
        from: config.smtp.from,
      };
    } catch {
      smtp = { configured: true, host: null, port: null, secure: false, from: config.smtp.from };
    }
  }
  const ring = cipher.ring;
  return {
    database: { dialect },
    masterKey: {
      source: ring.source === 'env' ? 'environment' : 'key file',
      keyFile: ring.source === 'env' ? null : ring.source,
      currentKeyId: ring.current.id,
      readableKeys: ring.byId.size,
    },
    smtp,
    integrator: { embedded: config.embeddedIntegrator },
    publicUrl: config.publicUrl ?? null,
    tls: config.tls !== undefined,
  };
}

export async function settingsStatusRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/settings/status',
    {
      schema: {
        tags: ['console: settings'],
        summary: 'E-mail (SMTP) and master key status, for the Settings screen',
        security: [{ session: [] }],
      },
    },
    async (request) => {
      requireAdmin(ctxFrom(request));
      return describeSettings(request.server.services);
    },
  );
}
