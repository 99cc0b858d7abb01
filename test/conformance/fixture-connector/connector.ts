// A tiny connector used to prove the framework and the conformance suite before real connectors exist.
// It lives under test/ so it is never registered in production.
import { z } from 'zod';
import {
  checkFailure,
  defineConnector,
  defineSync,
  type ConnectorContext,
  type SyncPage,
} from '../../../src/integrations/framework/contract.js';
import { secret } from '../../../src/integrations/framework/secret-field.js';
import { HttpClient } from '../../../src/integrations/kit/http-client.js';
import { pagesByNumber } from '../../../src/integrations/kit/paging.js';

export const FixtureConfigSchema = z.object({
  baseUrl: z.url(),
  clientId: z.string().min(1),
  clientSecret: secret(z.string().min(1)),
  pageSize: z.number().int().min(1).max(100).default(3),
});
type Config = z.infer<typeof FixtureConfigSchema>;

const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), pages: z.object({ total: z.number() }) });
const Tenant = z.object({ id: z.string(), name: z.string() });
const Licence = z.object({ id: z.string(), tenantId: z.string(), product: z.string(), quantity: z.number() });
/** Next page to read; null once a read has completed (the next read starts over: full reads only). */
const Cursor = z.object({ page: z.number().int().min(1).nullable() });
type Cursor = z.infer<typeof Cursor>;

function client(ctx: ConnectorContext<Config>): HttpClient {
  const c = ctx.config;
  return new HttpClient({
    baseUrl: c.baseUrl,
    signal: ctx.signal,
    secrets: [...ctx.secretValues],
    auth: { tokenUrl: `${c.baseUrl}/token`, clientId: c.clientId, clientSecret: c.clientSecret },
    retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
  });
}

async function* pages<T, R>(
  ctx: ConnectorContext<Config>,
  path: string,
  item: z.ZodType<T>,
  start: number,
  map: (t: T) => R,
): AsyncGenerator<SyncPage<R, Cursor>> {
  const http = client(ctx);
  const schema = Page(item);
  for await (const p of pagesByNumber(async (page) => {
    const r = await http.getJson(path, schema, { query: { page, pageSize: ctx.config.pageSize } });
    return { items: r.items, totalPages: r.pages.total };
  }, start)) {
    yield { records: p.items.map(map), cursor: { page: p.next } };
  }
}

const startOf = (cursor: Cursor | undefined) =>
  cursor?.page
    ? { start: cursor.page, reason: `resuming at page ${cursor.page}` }
    : { start: 1, reason: 'full read (the source has no change feed)' };

export const fixtureConnector = defineConnector<Config>({
  manifest: {
    id: 'fixture',
    displayName: 'Conformance fixture',
    description: 'Test-only connector',
    version: '1.0.0',
    configSchema: FixtureConfigSchema,
    entities: ['customers', 'licences'],
    defaultSchedule: '0 * * * *',
    containerLabel: 'Tenant',
  },
  async check(ctx) {
    try {
      await client(ctx).getJson('/tenants', Page(Tenant), { query: { page: 1, pageSize: 1 } });
      return { ok: true, message: 'Connected' };
    } catch (e) {
      return checkFailure(e);
    }
  },
  async discover(ctx) {
    const containers = [];
    for await (const p of pages(ctx, '/tenants', Tenant, 1, (t) => t))
      containers.push(...p.records.map((t) => ({ externalId: t.id, name: t.name, kind: 'tenant' as const })));
    return { containers };
  },
  syncs: {
    customers: defineSync<Config, 'customers', Cursor>({
      entity: 'customers',
      recordType: 'customer',
      cursorSchema: Cursor,
      async read(ctx, cursor) {
        const { start, reason } = startOf(cursor);
        return {
          mode: 'full',
          reason,
          pages: pages(ctx, '/tenants', Tenant, start, (t) => ({ externalId: t.id, name: t.name })),
        };
      },
    }),
    licences: defineSync<Config, 'licences', Cursor>({
      entity: 'licences',
      recordType: 'licence',
      cursorSchema: Cursor,
      async read(ctx, cursor) {
        const { start, reason } = startOf(cursor);
        const map = (l: z.infer<typeof Licence>) => ({
          externalId: l.id,
          containerId: l.tenantId,
          name: l.product,
          vendor: 'Fixture',
          quantity: l.quantity,
        });
        return { mode: 'full', reason, pages: pages(ctx, '/licences', Licence, start, map) };
      },
    }),
  },
});
