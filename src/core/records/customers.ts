// Customers for the console: name, sites and users counted, and where each came from.
import type { Ctx } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { getCustomer as getCoreCustomer } from '../customers/get-customer.js';
import { fields, type RecordDetail } from './detail.js';
import { endUsersField } from './end-user-count.js';
import { sourcesOf, type RecordSource } from './provenance.js';
import { asBool, recordPage, toCount, type ListInput, type Page } from './query-helpers.js';

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
  return recordPage(ctx, input, {
    select: ctx.db
      .selectFrom('customers as c')
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
      ]),
    searchColumns: ['c.name', 'c.website'],
    statusColumn: 'c.inactive',
    idColumn: 'c.id',
    order: [
      { column: 'c.name', desc: false },
      { column: 'c.id', desc: false },
    ],
    linkType: 'customer',
    present: (r, sources) => ({
      id: r.id,
      name: r.name,
      inactive: asBool(r.inactive),
      website: r.website,
      siteCount: toCount(r.site_count),
      userCount: toCount(r.user_count),
      sources,
    }),
  });
}

export async function getCustomer(ctx: Ctx, id: number): Promise<RecordDetail> {
  // The console names it a customer where /api says "Client".
  const c = await getCoreCustomer(ctx, id).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('Customer', id) : e;
  });
  const sources = await sourcesOf(ctx, 'customer', [id]);
  const users = await endUsersField(ctx, { column: 'customer_id', customerId: id });
  return {
    id: c.id,
    title: c.name,
    inactive: c.inactive,
    fields: fields(
      { label: 'Top level', value: c.toplevelName },
      c.mainSiteId !== null && {
        label: 'Main site',
        value: c.mainSiteName,
        link: { type: 'sites', id: c.mainSiteId },
      },
      users,
      { label: 'VIP', value: c.isVip },
      { label: 'Website', value: c.website },
      { label: 'Notes', value: c.notes },
      { label: 'Created', value: c.createdAt },
      { label: 'Updated', value: c.updatedAt },
    ),
    sources: sources.get(id) ?? [],
  };
}
