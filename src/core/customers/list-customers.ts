// Lists customers: filter by activity, top level, ids and text; order by a whitelisted field; page.
// Built for the paged-search benchmark (100,000 customers): the page is one LIMIT/OFFSET query with its names
// joined by primary key (no N+1); the COUNT runs only when the page is full. On SQLite a search of 3+
// characters over active customers uses the trigram index (search-index.ts): its match count is the total,
// and the page comes from the matches (few) or from the name index with an early stop (many).
import { requireAccess, type Ctx } from '../context.js';
import {
  activityCondition,
  applyOrder,
  MAX_PAGE_SIZE,
  applyWhere,
  applyWindow,
  countRows,
  eq,
  fetchPage,
  inList,
  resolveOrder,
  type ListOptions,
  type ListPage,
  type ResolvedOrder,
} from '../shared/list.js';
import { containsAny } from '../shared/search.js';
import { selectCustomers, toCustomer, type Customer } from './customer.js';
import { canUseSearchIndex, countIndexed, inIdSet, matchingIds, SPARSE_MATCHES } from './search-index.js';

export interface ListCustomersInput extends ListOptions {
  toplevelId?: number | undefined;
  ids?: number[] | undefined;
}

/** Sort keys a client may ask for (Halo field names), mapped to columns. */
export const CUSTOMER_SORTABLE: Readonly<Record<string, string>> = {
  id: 'c.id',
  name: 'c.name',
  toplevel_id: 'c.toplevel_id',
  toplevel_name: 't.name',
  inactive: 'c.inactive',
  is_vip: 'c.is_vip',
};

export async function listCustomers(ctx: Ctx, input: ListCustomersInput = {}): Promise<ListPage<Customer>> {
  requireAccess(ctx, 'customers', 'read');
  const db = ctx.db;
  const order = resolveOrder(input.order, CUSTOMER_SORTABLE, [{ column: 'c.name', desc: false }], 'c.id');
  const filters = [
    input.toplevelId !== undefined ? eq('c.toplevel_id', input.toplevelId) : undefined,
    input.ids ? inList('c.id', input.ids) : undefined,
  ];
  const onlySearch = filters.every((f) => f === undefined);

  let search = input.search ? containsAny(db, ['c.name'], input.search) : undefined;
  let knownTotal: number | undefined;
  if (canUseSearchIndex(db, input.search, input.activity)) {
    const ids = await matchingIds(db, input.search, SPARSE_MATCHES + 1);
    if (ids.length === 0) return { items: [], total: 0, window: input.window ?? { kind: 'all' } };
    if (ids.length <= SPARSE_MATCHES) {
      // Few matches: they are all here; the page is sorted from them and their number is the total.
      search = inIdSet(ids);
      if (onlySearch) knownTotal = ids.length;
    } else if (onlySearch) {
      knownTotal = await countIndexed(db, input.search);
    }
  }

  const where = [activityCondition('c.inactive', input.activity), search, ...filters];
  const page = await fetchPage(input.window, {
    count: async () => knownTotal ?? countRows(applyWhere(db.selectFrom('customers as c'), where)),
    rows: (limit, offset) => pageRows(db, where, order, limit, offset),
  });
  return { ...page, items: page.items.map(toCustomer) };
}

/**
 * Picks the page's ids first (customers only: the unused top-level join is dropped by both planners unless
 * the order needs it), then loads those rows with their names joined: the joins run for one page, not for
 * every match the ORDER BY has to consider.
 */
async function pageRows(
  db: Ctx['db'],
  where: Parameters<typeof applyWhere>[1],
  order: ResolvedOrder[],
  limit: number | undefined,
  offset: number,
) {
  // Unpaged or huge windows: one joined query (an id list that long would exceed bound-parameter limits).
  if (limit === undefined || limit > MAX_PAGE_SIZE) {
    return applyWindow(applyOrder(applyWhere(selectCustomers(db), where), order), limit, offset).execute();
  }
  const idQuery = db
    .selectFrom('customers as c')
    .leftJoin('top_levels as t', 't.id', 'c.toplevel_id')
    .select('c.id');
  const ids = (await applyWindow(applyOrder(applyWhere(idQuery, where), order), limit, offset).execute()).map(
    (r) => r.id,
  );
  if (ids.length === 0) return [];
  const rows = await selectCustomers(db).where('c.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
