// Sites for the console, with their customer.
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { fields, type RecordDetail } from './detail.js';
import { sourcesOf, type RecordSource } from './provenance.js';
import { asBool, containsAny, offsetOf, toCount, type ListInput, type Page } from './query-helpers.js';

export interface SiteRow {
  id: number;
  name: string;
  inactive: boolean;
  customerId: number;
  customerName: string;
  city: string | null;
  sources: RecordSource[];
}

export async function listSites(ctx: Ctx, input: ListInput): Promise<Page<SiteRow>> {
  let q = ctx.db.selectFrom('sites as s').innerJoin('customers as c', 'c.id', 's.customer_id');
  if (input.search) q = q.where(containsAny(['s.name', 'c.name', 's.address_city'], input.search));
  if (input.status !== 'all') q = q.where('s.inactive', '=', input.status === 'inactive' ? 1 : 0);
  if (input.ids) q = q.where('s.id', 'in', input.ids.length ? [...input.ids] : [-1]);
  const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await q
    .select(['s.id', 's.name', 's.inactive', 's.customer_id', 'c.name as customer_name', 's.address_city'])
    .orderBy('c.name')
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(input.pageSize)
    .offset(offsetOf(input))
    .execute();
  const sources = await sourcesOf(
    ctx,
    'site',
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      inactive: asBool(r.inactive),
      customerId: r.customer_id,
      customerName: r.customer_name,
      city: r.address_city,
      sources: sources.get(r.id) ?? [],
    })),
    total: toCount(total?.n),
    page: input.page,
    pageSize: input.pageSize,
  };
}

export async function getSite(ctx: Ctx, id: number): Promise<RecordDetail> {
  const s = await ctx.db
    .selectFrom('sites as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .selectAll('s')
    .select('c.name as customer_name')
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!s) throw notFound('Site', id);
  const address = [s.address_line1, s.address_line2, s.address_city, s.address_postcode, s.address_country]
    .filter(Boolean)
    .join(', ');
  const sources = await sourcesOf(ctx, 'site', [id]);
  return {
    id: s.id,
    title: s.name,
    inactive: asBool(s.inactive),
    fields: fields(
      { label: 'Customer', value: s.customer_name, link: { type: 'customers', id: s.customer_id } },
      { label: 'Address', value: address },
      { label: 'Phone', value: s.phone },
      { label: 'Time zone', value: s.timezone },
      { label: 'Notes', value: s.notes },
      { label: 'Created', value: s.created_at },
      { label: 'Updated', value: s.updated_at },
    ),
    sources: sources.get(id) ?? [],
  };
}
