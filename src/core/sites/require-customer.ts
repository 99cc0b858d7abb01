// Checks a customer reference before a site or user is stored under it.
import type { Db, Tx } from '../../db/transaction.js';
import { invalidInput } from '../errors.js';

export async function requireCustomer(
  db: Db | Tx,
  id: number,
  field = 'client_id',
): Promise<{ id: number; mainSiteId: number | null }> {
  const row = await db
    .selectFrom('customers')
    .select(['id', 'main_site_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row)
    throw invalidInput(`Client ${id} does not exist`, [{ field, message: `no client with id ${id}` }]);
  return { id: row.id, mainSiteId: row.main_site_id };
}
