// Assets for the console: asset tag, serial, type, and owner.
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { fields, type RecordDetail } from './detail.js';
import { sourcesOf, type RecordSource } from './provenance.js';
import { asBool, recordPage, type ListInput, type Page } from './query-helpers.js';

export interface AssetRow {
  id: number;
  inventoryNumber: string | null;
  serial: string | null;
  typeName: string;
  customerId: number;
  customerName: string;
  siteName: string | null;
  inactive: boolean;
  sources: RecordSource[];
}

export async function listAssets(ctx: Ctx, input: ListInput): Promise<Page<AssetRow>> {
  return recordPage(ctx, input, {
    select: ctx.db
      .selectFrom('assets as a')
      .innerJoin('asset_types as at', 'at.id', 'a.assettype_id')
      .innerJoin('customers as c', 'c.id', 'a.customer_id')
      .leftJoin('sites as s', 's.id', 'a.site_id')
      .select([
        'a.id',
        'a.inventory_number',
        'a.serial',
        'at.name as type_name',
        'a.customer_id',
        'c.name as customer_name',
        's.name as site_name',
        'a.inactive',
      ]),
    searchColumns: ['a.inventory_number', 'a.serial', 'c.name', 'at.name'],
    statusColumn: 'a.inactive',
    idColumn: 'a.id',
    order: [
      { column: 'c.name', desc: false },
      { column: 'a.inventory_number', desc: false },
      { column: 'a.id', desc: false },
    ],
    linkType: 'asset',
    present: (r, sources) => ({
      id: r.id,
      inventoryNumber: r.inventory_number,
      serial: r.serial,
      typeName: r.type_name,
      customerId: r.customer_id,
      customerName: r.customer_name,
      siteName: r.site_name,
      inactive: asBool(r.inactive),
      sources,
    }),
  });
}

export async function getAsset(ctx: Ctx, id: number): Promise<RecordDetail> {
  const a = await ctx.db
    .selectFrom('assets as a')
    .innerJoin('asset_types as at', 'at.id', 'a.assettype_id')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .leftJoin('sites as s', 's.id', 'a.site_id')
    .leftJoin('end_users as u', 'u.id', 'a.user_id')
    .selectAll('a')
    .select(['at.name as type_name', 'c.name as customer_name', 's.name as site_name', 'u.name as user_name'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!a) throw notFound('Asset', id);
  const sources = await sourcesOf(ctx, 'asset', [id]);
  let extra: [string, unknown][] = [];
  try {
    const parsed: unknown = JSON.parse(a.fields);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) extra = Object.entries(parsed);
  } catch {
    // A malformed fields blob is shown as absent rather than failing the page.
  }
  return {
    id: a.id,
    title: a.inventory_number ?? `Asset ${a.id}`,
    inactive: asBool(a.inactive),
    fields: fields(
      { label: 'Type', value: a.type_name },
      { label: 'Customer', value: a.customer_name, link: { type: 'customers', id: a.customer_id } },
      a.site_id !== null && { label: 'Site', value: a.site_name, link: { type: 'sites', id: a.site_id } },
      a.user_id !== null && { label: 'User', value: a.user_name, link: { type: 'users', id: a.user_id } },
      { label: 'Serial number', value: a.serial },
      ...extra.map(([k, v]) => ({
        label: k,
        value:
          typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v),
      })),
      { label: 'Notes', value: a.notes },
      { label: 'Created', value: a.created_at },
      { label: 'Updated', value: a.updated_at },
    ),
    sources: sources.get(id) ?? [],
  };
}
