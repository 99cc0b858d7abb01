// Checks a top level reference before it is stored.
import type { Db, Tx } from '../../db/transaction.js';
import { invalidInput } from '../errors.js';

export async function requireTopLevel(db: Db | Tx, id: number, field = 'toplevel_id'): Promise<void> {
  const row = await db.selectFrom('top_levels').select('id').where('id', '=', id).executeTakeFirst();
  if (!row)
    throw invalidInput(`Top level ${id} does not exist`, [{ field, message: `no top level with id ${id}` }]);
}
