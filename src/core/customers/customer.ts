// The customer (Halo "Client") as the core sees it, and the one query that loads it with its names joined.
import type { Db, Tx } from '../../db/transaction.js';
import { notFound } from '../errors.js';
import { toBool } from '../shared/values.js';

export interface Customer {
  id: number;
  name: string;
  toplevelId: number | null;
  toplevelName: string | null;
  inactive: boolean;
  isVip: boolean;
  website: string | null;
  notes: string | null;
  mainSiteId: number | null;
  mainSiteName: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Customers with the top level and main site names joined (primary-key lookups, no N+1). */
export function selectCustomers(db: Db | Tx) {
  return db
    .selectFrom('customers as c')
    .leftJoin('top_levels as t', 't.id', 'c.toplevel_id')
    .leftJoin('sites as ms', 'ms.id', 'c.main_site_id')
    .select([
      'c.id',
      'c.name',
      'c.toplevel_id',
      't.name as toplevel_name',
      'c.inactive',
      'c.is_vip',
      'c.website',
      'c.notes',
      'c.main_site_id',
      'ms.name as main_site_name',
      'c.created_at',
      'c.updated_at',
    ]);
}

type CustomerRow = Awaited<ReturnType<ReturnType<typeof selectCustomers>['executeTakeFirstOrThrow']>>;

export function toCustomer(r: CustomerRow): Customer {
  return {
    id: r.id,
    name: r.name,
    toplevelId: r.toplevel_id,
    toplevelName: r.toplevel_name,
    inactive: toBool(r.inactive),
    isVip: toBool(r.is_vip),
    website: r.website,
    notes: r.notes,
    mainSiteId: r.main_site_id,
    mainSiteName: r.main_site_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function loadCustomer(db: Db | Tx, id: number): Promise<Customer> {
  const row = await selectCustomers(db).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Client', id);
  return toCustomer(row);
}
