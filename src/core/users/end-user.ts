// The end user (Halo "Users": a customer's contact) as the core sees it, with site and customer names joined.
import type { Db, Tx } from '../../db/transaction.js';
import { notFound } from '../errors.js';
import { toBool } from '../shared/values.js';

export interface EndUser {
  id: number;
  customerId: number;
  customerName: string;
  siteId: number;
  siteName: string;
  name: string;
  firstname: string | null;
  surname: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  title: string | null;
  department: string | null;
  login: string | null;
  notes: string | null;
  inactive: boolean;
  createdAt: string;
  updatedAt: string;
}

export function selectEndUsers(db: Db | Tx) {
  return db
    .selectFrom('end_users as u')
    .innerJoin('customers as c', 'c.id', 'u.customer_id')
    .innerJoin('sites as s', 's.id', 'u.site_id')
    .select([
      'u.id',
      'u.customer_id',
      'c.name as customer_name',
      'u.site_id',
      's.name as site_name',
      'u.name',
      'u.firstname',
      'u.surname',
      'u.email',
      'u.phone',
      'u.mobile',
      'u.title',
      'u.department',
      'u.login',
      'u.notes',
      'u.inactive',
      'u.created_at',
      'u.updated_at',
    ]);
}

type EndUserRow = Awaited<ReturnType<ReturnType<typeof selectEndUsers>['executeTakeFirstOrThrow']>>;

export function toEndUser(r: EndUserRow): EndUser {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    siteId: r.site_id,
    siteName: r.site_name,
    name: r.name,
    firstname: r.firstname,
    surname: r.surname,
    email: r.email,
    phone: r.phone,
    mobile: r.mobile,
    title: r.title,
    department: r.department,
    login: r.login,
    notes: r.notes,
    inactive: toBool(r.inactive),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function loadEndUser(db: Db | Tx, id: number): Promise<EndUser> {
  const row = await selectEndUsers(db).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('User', id);
  return toEndUser(row);
}
