// Lists licences (wrapper `licences`). `search` matches name, vendor and product code; deactivated
// licences show only with includeinactive.
import type { Kysely } from 'kysely';
import { requireAccess, type Ctx } from '../context.js';
import {
  activityCondition,
  listPage,
  mapPage,
  resolveOrder,
  type ListOptions,
  type ListPage,
} from '../shared/list.js';
import { containsAny } from '../shared/search.js';
import { presentLicence, type LicenceWire } from './presenter.js';
import { licenceSelect } from './query.js';

export interface LicenceFilters {
  client_id?: number | undefined;
  site_id?: number | undefined;
  toplevel_id?: number | undefined;
  /** Licence type as stored (e.g. "subscription"). */
  licence_type?: string | undefined;
  vendor?: string | undefined;
}

const SORTABLE = {
  id: 'l.id',
  name: 'l.name',
  vendor: 'l.vendor',
  end_date: 'l.end_date',
  client_name: 'c.name',
  count: 'l.quantity',
} as const;

export async function listLicences(
  ctx: Ctx,
  filters: LicenceFilters,
  options: ListOptions = {},
): Promise<ListPage<LicenceWire>> {
  requireAccess(ctx, 'softwarelicensing', 'read');
  let q = licenceSelect(ctx.db);
  const active = activityCondition('l.inactive', options.activity);
  if (active) q = q.where(active);
  if (filters.client_id !== undefined) q = q.where('l.customer_id', '=', filters.client_id);
  if (filters.site_id !== undefined) q = q.where('l.site_id', '=', filters.site_id);
  if (filters.toplevel_id !== undefined) q = q.where('c.toplevel_id', '=', filters.toplevel_id);
  if (filters.licence_type !== undefined && filters.licence_type.trim() !== '')
    q = q.where('l.type', '=', filters.licence_type.trim());
  if (filters.vendor !== undefined && filters.vendor.trim() !== '')
    q = q.where('l.vendor', '=', filters.vendor.trim());
  const search = options.search?.trim();
  if (search)
    q = q.where(
      containsAny(ctx.db as unknown as Kysely<unknown>, ['l.name', 'l.vendor', 'l.product_code'], search),
    );
  const order = resolveOrder(options.order, SORTABLE, [{ column: 'l.id', desc: false }], 'l.id');
  const page = await listPage(options.window, { select: q, order });
  return mapPage(page, presentLicence);
}
