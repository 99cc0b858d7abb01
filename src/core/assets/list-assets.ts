// Lists assets (wrapper `assets`). `search` matches the asset tag and the serial; inactive assets show only
// with includeinactive.
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
import { presentAsset, type AssetWire } from './presenter.js';
import { assetSelect } from './query.js';

export interface AssetFilters {
  client_id?: number | undefined;
  site_id?: number | undefined;
  user_id?: number | undefined;
  assettype_id?: number | undefined;
  /** Several types (Halo's assettypes=1,2). */
  assettypes?: number[] | undefined;
  /** Exact asset tag. */
  inventory_number?: string | undefined;
  /** Search the asset tag only. */
  search_inventory_number_only?: boolean | undefined;
}

const SORTABLE = {
  id: 'a.id',
  inventory_number: 'a.inventory_number',
  key_field: 'a.inventory_number',
  serial: 'a.serial',
  client_name: 'c.name',
  assettype_name: 'at.name',
} as const;

export async function listAssets(
  ctx: Ctx,
  filters: AssetFilters,
  options: ListOptions = {},
): Promise<ListPage<AssetWire>> {
  requireAccess(ctx, 'assets', 'read');
  let q = assetSelect(ctx.db);
  const active = activityCondition('a.inactive', options.activity);
  if (active) q = q.where(active);
  if (filters.client_id !== undefined) q = q.where('a.customer_id', '=', filters.client_id);
  if (filters.site_id !== undefined) q = q.where('a.site_id', '=', filters.site_id);
  if (filters.user_id !== undefined) q = q.where('a.user_id', '=', filters.user_id);
  if (filters.assettype_id !== undefined) q = q.where('a.assettype_id', '=', filters.assettype_id);
  if (filters.assettypes !== undefined && filters.assettypes.length > 0)
    q = q.where('a.assettype_id', 'in', filters.assettypes);
  if (filters.inventory_number !== undefined)
    q = q.where('a.inventory_number', '=', filters.inventory_number);
  const search = options.search?.trim();
  if (search) {
    const columns = filters.search_inventory_number_only
      ? ['a.inventory_number']
      : ['a.inventory_number', 'a.serial'];
    q = q.where(containsAny(ctx.db as unknown as Kysely<unknown>, columns, search));
  }
  const order = resolveOrder(options.order, SORTABLE, [{ column: 'a.id', desc: false }], 'a.id');
  const page = await listPage(options.window, { select: q, order });
  return mapPage(page, presentAsset);
}
