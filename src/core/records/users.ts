// End users for the console, with their customer and site.
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { fields, type RecordDetail } from './detail.js';
import { sourcesOf, type RecordSource } from './provenance.js';
import { asBool, recordPage, type ListInput, type Page } from './query-helpers.js';
import { selectEndUsers } from '../users/end-user.js';

export interface UserRow {
  id: number;
  name: string;
  email: string | null;
  login: string | null;
  inactive: boolean;
  customerId: number;
  customerName: string;
  siteId: number;
  siteName: string;
  sources: RecordSource[];
}

export async function listUsers(ctx: Ctx, input: ListInput): Promise<Page<UserRow>> {
  return recordPage(ctx, input, {
    select: selectEndUsers(ctx.db),
    searchColumns: ['u.name', 'u.email', 'u.login', 'c.name'],
    statusColumn: 'u.inactive',
    idColumn: 'u.id',
    customerColumn: 'u.customer_id',
    siteColumn: 'u.site_id',
    order: [
      { column: 'u.name', desc: false },
      { column: 'u.id', desc: false },
    ],
    linkType: 'user',
    present: (r, sources) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      login: r.login,
      inactive: asBool(r.inactive),
      customerId: r.customer_id,
      customerName: r.customer_name,
      siteId: r.site_id,
      siteName: r.site_name,
      sources,
    }),
  });
}

export async function getUser(ctx: Ctx, id: number): Promise<RecordDetail> {
  const u = await ctx.db
    .selectFrom('end_users as u')
    .innerJoin('customers as c', 'c.id', 'u.customer_id')
    .innerJoin('sites as s', 's.id', 'u.site_id')
    .leftJoin('user_roles as r', 'r.id', 'u.user_role_id')
    .selectAll('u')
    .select(['c.name as customer_name', 's.name as site_name', 'r.name as user_role_name'])
    .where('u.id', '=', id)
    .executeTakeFirst();
  if (!u) throw notFound('User', id);
  const sources = await sourcesOf(ctx, 'user', [id]);
  return {
    id: u.id,
    title: u.name,
    inactive: asBool(u.inactive),
    fields: fields(
      { label: 'Customer', value: u.customer_name, link: { type: 'customers', id: u.customer_id } },
      { label: 'Site', value: u.site_name, link: { type: 'sites', id: u.site_id } },
      { label: 'E-mail', value: u.email },
      { label: 'Login', value: u.login },
      { label: 'User role', value: u.user_role_name },
      { label: 'Job title', value: u.title },
      { label: 'Department', value: u.department },
      { label: 'Office', value: u.office },
      { label: 'Phone', value: u.phone },
      { label: 'Mobile', value: u.mobile },
      { label: 'Manager', value: u.manager },
      { label: 'Employee id', value: u.employee_id },
      { label: 'Created', value: u.created_at },
      { label: 'Updated', value: u.updated_at },
    ),
    sources: sources.get(id) ?? [],
  };
}
