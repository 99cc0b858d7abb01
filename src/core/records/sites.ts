// Sites for the console, with their customer.
import type { Ctx } from '../context.js';
import { getSite as getCoreSite } from '../sites/get-site.js';
import { fields, type RecordDetail } from './detail.js';
import { endUsersField } from './end-user-count.js';
import { sourcesOf, type RecordSource } from './provenance.js';
import { asBool, recordPage, type ListInput, type Page } from './query-helpers.js';
import { selectSites } from '../sites/site.js';

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
  return recordPage(ctx, input, {
    select: selectSites(ctx.db),
    searchColumns: ['s.name', 'c.name', 's.address_city'],
    statusColumn: 's.inactive',
    idColumn: 's.id',
    customerColumn: 's.customer_id',
    order: [
      { column: 'c.name', desc: false },
      { column: 's.name', desc: false },
      { column: 's.id', desc: false },
    ],
    linkType: 'site',
    present: (r, sources) => ({
      id: r.id,
      name: r.name,
      inactive: asBool(r.inactive),
      customerId: r.customer_id,
      customerName: r.customer_name,
      city: r.address_city,
      sources,
    }),
  });
}

export async function getSite(ctx: Ctx, id: number): Promise<RecordDetail> {
  const s = await getCoreSite(ctx, id);
  const { line1, line2, city, postcode, country } = s.address;
  const address = [line1, line2, city, postcode, country].filter(Boolean).join(', ');
  const sources = await sourcesOf(ctx, 'site', [id]);
  const users = await endUsersField(ctx, { column: 'site_id', siteId: id });
  return {
    id: s.id,
    title: s.name,
    inactive: s.inactive,
    fields: fields(
      { label: 'Customer', value: s.customerName, link: { type: 'customers', id: s.customerId } },
      users,
      { label: 'Address', value: address },
      { label: 'Phone', value: s.phone },
      { label: 'Time zone', value: s.timezone },
      { label: 'Notes', value: s.notes },
      { label: 'Created', value: s.createdAt },
      { label: 'Updated', value: s.updatedAt },
    ),
    sources: sources.get(id) ?? [],
  };
}
