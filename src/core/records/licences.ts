// Software licences for the console, with their customer and seat counts.
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { fields, type RecordDetail } from './detail.js';
import { sourcesOf, type RecordSource } from './provenance.js';
import { asBool, recordPage, type ListInput, type Page } from './query-helpers.js';

export interface LicenceRow {
  id: number;
  name: string;
  vendor: string | null;
  customerId: number;
  customerName: string;
  quantity: number | null;
  consumed: number | null;
  endDate: string | null;
  status: string;
  inactive: boolean;
  sources: RecordSource[];
}

export async function listLicences(ctx: Ctx, input: ListInput): Promise<Page<LicenceRow>> {
  return recordPage(ctx, input, {
    select: ctx.db
      .selectFrom('licences as l')
      .innerJoin('customers as c', 'c.id', 'l.customer_id')
      .select([
        'l.id',
        'l.name',
        'l.vendor',
        'l.customer_id',
        'c.name as customer_name',
        'l.quantity',
        'l.consumed',
        'l.end_date',
        'l.status',
        'l.inactive',
      ]),
    searchColumns: ['l.name', 'l.vendor', 'l.product_code', 'c.name'],
    statusColumn: 'l.inactive',
    idColumn: 'l.id',
    order: [
      { column: 'c.name', desc: false },
      { column: 'l.name', desc: false },
      { column: 'l.id', desc: false },
    ],
    linkType: 'licence',
    present: (r, sources) => ({
      id: r.id,
      name: r.name,
      vendor: r.vendor,
      customerId: r.customer_id,
      customerName: r.customer_name,
      quantity: r.quantity,
      consumed: r.consumed,
      endDate: r.end_date,
      status: r.status,
      inactive: asBool(r.inactive),
      sources,
    }),
  });
}

export async function getLicence(ctx: Ctx, id: number): Promise<RecordDetail> {
  const l = await ctx.db
    .selectFrom('licences as l')
    .innerJoin('customers as c', 'c.id', 'l.customer_id')
    .leftJoin('sites as s', 's.id', 'l.site_id')
    .selectAll('l')
    .select(['c.name as customer_name', 's.name as site_name'])
    .where('l.id', '=', id)
    .executeTakeFirst();
  if (!l) throw notFound('Licence', id);
  const sources = await sourcesOf(ctx, 'licence', [id]);
  return {
    id: l.id,
    title: l.name,
    inactive: asBool(l.inactive),
    fields: fields(
      { label: 'Customer', value: l.customer_name, link: { type: 'customers', id: l.customer_id } },
      l.site_id !== null && { label: 'Site', value: l.site_name, link: { type: 'sites', id: l.site_id } },
      { label: 'Vendor', value: l.vendor },
      { label: 'Product code', value: l.product_code },
      { label: 'Type', value: l.type },
      { label: 'Quantity', value: l.quantity },
      { label: 'Consumed', value: l.consumed },
      { label: 'Start date', value: l.start_date },
      { label: 'End date', value: l.end_date },
      { label: 'Status', value: l.status },
      { label: 'Notes', value: l.notes },
      { label: 'Created', value: l.created_at },
      { label: 'Updated', value: l.updated_at },
    ),
    sources: sources.get(id) ?? [],
  };
}
