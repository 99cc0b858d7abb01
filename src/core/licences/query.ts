// Reads licences with the client and site names.
import type { Db, Tx } from '../../db/transaction.js';

export function licenceSelect(db: Db | Tx) {
  return db
    .selectFrom('licences as l')
    .innerJoin('customers as c', 'c.id', 'l.customer_id')
    .leftJoin('sites as s', 's.id', 'l.site_id')
    .selectAll('l')
    .select(['c.name as client_name', 'c.toplevel_id as toplevel_id', 's.name as site_name']);
}

export type LicenceView = Awaited<ReturnType<ReturnType<typeof licenceSelect>['executeTakeFirstOrThrow']>>;
