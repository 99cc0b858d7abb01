// Lists end users by client, site, top level, activity and text (name, e-mail address or login: CIPP looks
// contacts up with search=<email>).
import { sql, type SqlBool } from 'kysely';
import { requireAccess, type Ctx } from '../context.js';
import {
  eq,
  listPage,
  resolveOrder,
  standardConditions,
  type ListOptions,
  type ListPage,
} from '../shared/list.js';
import { selectEndUsers, toEndUser, type EndUser } from './end-user.js';

export interface ListEndUsersInput extends ListOptions {
  customerId?: number | undefined;
  siteId?: number | undefined;
  toplevelId?: number | undefined;
  ids?: number[] | undefined;
  /** Case-insensitive equality on these columns (Halo's advanced_search, filter_type 2). */
  equals?: EndUserEquals[] | undefined;
}

export interface EndUserEquals {
  field: 'id' | 'email' | 'login' | 'name' | 'site_id' | 'customer_id';
  value: string;
}

function equalsCondition(f: EndUserEquals) {
  if (f.field === 'id' || f.field === 'site_id' || f.field === 'customer_id') {
    // A non-numeric value matches nothing rather than failing the cast.
    return /^\d{1,15}$/.test(f.value.trim()) ? eq(`u.${f.field}`, Number(f.value)) : sql<SqlBool>`1 = 0`;
  }
  return sql<SqlBool>`lower(${sql.ref(`u.${f.field}`)}) = ${f.value.toLowerCase()}`;
}

export const END_USER_SORTABLE: Readonly<Record<string, string>> = {
  id: 'u.id',
  name: 'u.name',
  firstname: 'u.firstname',
  surname: 'u.surname',
  emailaddress: 'u.email',
  login: 'u.login',
  client_id: 'u.customer_id',
  client_name: 'c.name',
  site_id: 'u.site_id',
  site_name: 's.name',
  inactive: 'u.inactive',
};

export async function listEndUsers(ctx: Ctx, input: ListEndUsersInput = {}): Promise<ListPage<EndUser>> {
  requireAccess(ctx, 'customers', 'read');
  const db = ctx.db;
  const order = resolveOrder(input.order, END_USER_SORTABLE, [{ column: 'u.name', desc: false }], 'u.id');
  const where = [
    ...standardConditions(db, input, {
      inactive: 'u.inactive',
      search: ['u.name', 'u.email', 'u.login'],
      id: 'u.id',
    }),
    input.customerId !== undefined ? eq('u.customer_id', input.customerId) : undefined,
    input.siteId !== undefined ? eq('u.site_id', input.siteId) : undefined,
    input.toplevelId !== undefined ? eq('c.toplevel_id', input.toplevelId) : undefined,
    ...(input.equals ?? []).map(equalsCondition),
  ];
  const page = await listPage(input.window, {
    select: selectEndUsers(db),
    where,
    order,
    // The count needs only the customer join the conditions use.
    countFrom: db.selectFrom('end_users as u').innerJoin('customers as c', 'c.id', 'u.customer_id'),
  });
  return { ...page, items: page.items.map(toEndUser) };
}
