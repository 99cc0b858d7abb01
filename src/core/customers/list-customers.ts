// Lists customers: filter by activity, top level, ids and text; order by a whitelisted field; page.
// Built for the paged-search benchmark: the page is one LIMIT/OFFSET query with its names joined by primary
// key (no N+1), and the COUNT (run only when the page is full) touches the customers table alone.
import { sql } from 'kysely';
import { requireAccess, type Ctx } from '../context.js';
import {
  activityCondition, applyOrder, applyWhere, applyWindow, countOf, eq, fetchPage, inList, resolveOrder,
  type ListOptions, type ListPage,
} from '../shared/list.js';
import { containsAny } from '../shared/search.js';
import { selectCustomers, toCustomer, type Customer } from './customer.js';

export interface ListCustomersInput extends ListOptions {
  toplevelId?: number | undefined;
  ids?: number[] | undefined;
}

/** Sort keys a client may ask for (Halo field names), mapped to columns. */
export const CUSTOMER_SORTABLE: Readonly<Record<string, string>> = {
  id: 'c.id', name: 'c.name', toplevel_id: 'c.toplevel_id', toplevel_name: 't.name', inactive: 'c.inactive', is_vip: 'c.is_vip',
};

export async function listCustomers(ctx: Ctx, input: ListCustomersInput = {}): Promise<ListPage<Customer>> {
  requireAccess(ctx, 'customers', 'read');
  const db = ctx.db;
  const order = resolveOrder(input.order, CUSTOMER_SORTABLE, [{ column: 'c.name', desc: false }], 'c.id');
  const where = [
    activityCondition('c.inactive', input.activity),
    input.search ? containsAny(db, ['c.name'], input.search) : undefined,
    input.toplevelId !== undefined ? eq('c.toplevel_id', input.toplevelId) : undefined,
    input.ids ? inList('c.id', input.ids) : undefined,
  ];
  const page = await fetchPage(input.window, {
    count: async () => countOf(await applyWhere(db.selectFrom('customers as c').select(sql<number>`count(*)`.as('n')), where).executeTakeFirst()),
    rows: (limit, offset) => applyWindow(applyOrder(applyWhere(selectCustomers(db), where), order), limit, offset).execute(),
  });
  return { ...page, items: page.items.map(toCustomer) };
}
