// Customers for the console: name, sites and users counted, and where each came from.
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { fields, type RecordDetail } from './detail.js';
import { sourcesOf, type RecordSource } from './provenance.js';
import { asBool, containsAny, offsetOf, toCount, type ListInput, type Page } from './query-helpers.js';

export interface CustomerRow {
  id: number;
  name: string;
  inactive: boolean;
  website: string | null;
  siteCount: number;
  userCount: number;
  sources: RecordSource[];
}

export async function listCustomers(ctx: Ctx, input: ListInput): Promise<Page<CustomerRow>> {
  let q = ctx.db.selectFrom('customers as c');
  if (input.search) q = q.where(containsAny(['c.name', 'c.website'], input.search));
  if (input.status !== 'all') q = q.where('c.inactive', '=', input.status === 'inactive' ? 1 : 0);
  if (input.ids) q = q.where('c.id', 'in', input.ids.length ? [...input.ids] : [-1]);
  const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await q
    .select(['c.id', 'c.name', 'c.inactive', 'c.website'])
    .select((eb) => [
      eb
        .selectFrom('sites as s')
        .whereRef('s.customer_id', '=', 'c.id')
        .select((e) => e.fn.countAll().as('n'))
        .as('site_count'),
      eb
        .selectFrom('end_users as u')
        .whereRef('u.customer_id', '=', 'c.id')
        .select((e) => e.fn.countAll().as('n'))
        .as('user_count'),
    ])
    .orderBy('c.name')
    .orderBy('c.id')
    .limit(input.pageSize)
    .offset(offsetOf(input))
    .execute();
  const sources = await sourcesOf(
    ctx,
    'customer',
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      inactive: asBool(r.inactive),
      website: r.website,
      siteCount: toCount(r.site_count),
      userCount: toCount(r.user_count),
      sources: sources.get(r.id) ?? [],
    })),
    total: toCount(total?.n),
    page: input.page,
    pageSize: input.pageSize,
  };
}

export async function getCustomer(ctx: Ctx, id: number): Promise<RecordDetail> {
  const c = await ctx.db
    .selectFrom('customers as c')
    .leftJoin('top_levels as t', 't.id', 'c.toplevel_id')
    .leftJoin('sites as s', 's.id', 'c.main_site_id')
    .select([
      'c.id',
      'c.name',
      'c.inactive',
      'c.is_vip',
      'c.website',
      'c.notes',
      'c.created_at',
      'c.updated_at',
      't.name as toplevel',
      's.id as site_id',
      's.name as site_name',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!c) throw notFound('Customer', id);
  const sources = await sourcesOf(ctx, 'customer', [id]);
  return {
    id: c.id,
    title: c.name,
    inactive: asBool(c.inactive),
    fields: fields(
      { label: 'Top level', value: c.toplevel },
      c.site_id !== null && {
        label: 'Main site',
        value: c.site_name,
        link: { type: 'sites', id: c.site_id },
      },
      { label: 'VIP', value: asBool(c.is_vip) },
      { label: 'Website', value: c.website },
      { label: 'Notes', value: c.notes },
      { label: 'Created', value: c.created_at },
      { label: 'Updated', value: c.updated_at },
    ),
    sources: sources.get(id) ?? [],
  };
}
