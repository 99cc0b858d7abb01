// Lists sites, filtered by client, top level, activity and text (site or client name).
import { requireAccess, type Ctx } from '../context.js';
import {
  eq,
  listPage,
  resolveOrder,
  standardConditions,
  type ListOptions,
  type ListPage,
} from '../shared/list.js';
import { selectSites, toSite, type Site } from './site.js';

export interface ListSitesInput extends ListOptions {
  customerId?: number | undefined;
  toplevelId?: number | undefined;
  ids?: number[] | undefined;
}

export const SITE_SORTABLE: Readonly<Record<string, string>> = {
  id: 's.id',
  name: 's.name',
  client_id: 's.customer_id',
  client_name: 'c.name',
  inactive: 's.inactive',
};

export async function listSites(ctx: Ctx, input: ListSitesInput = {}): Promise<ListPage<Site>> {
  requireAccess(ctx, 'customers', 'read');
  const db = ctx.db;
  const order = resolveOrder(
    input.order,
    SITE_SORTABLE,
    [
      { column: 'c.name', desc: false },
      { column: 's.name', desc: false },
    ],
    's.id',
  );
  const where = [
    ...standardConditions(db, input, { inactive: 's.inactive', search: ['s.name', 'c.name'], id: 's.id' }),
    input.customerId !== undefined ? eq('s.customer_id', input.customerId) : undefined,
    input.toplevelId !== undefined ? eq('c.toplevel_id', input.toplevelId) : undefined,
  ];
  const page = await listPage(input.window, { select: selectSites(db), where, order });
  return { ...page, items: page.items.map(toSite) };
}
