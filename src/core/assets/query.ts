// Reads assets with the names Halo replies carry (client, site, user, asset type).
import type { Db, Tx } from '../../db/transaction.js';

export function assetSelect(db: Db | Tx) {
  return db
    .selectFrom('assets as a')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .leftJoin('sites as s', 's.id', 'a.site_id')
    .leftJoin('end_users as u', 'u.id', 'a.user_id')
    .leftJoin('asset_types as at', 'at.id', 'a.assettype_id')
    .selectAll('a')
    .select([
      'c.name as client_name',
      's.name as site_name',
      'u.name as user_name',
      'at.name as assettype_name',
    ]);
}

export type AssetView = Awaited<ReturnType<ReturnType<typeof assetSelect>['executeTakeFirstOrThrow']>>;
