// The top level new customers are created under must exist (else every create would fail per record).
import { invalidInput } from '../../../core/errors.js';
import type { Tx } from '../../../db/transaction.js';

export async function requireTopLevelIfSet(tx: Tx, id: number | null | undefined): Promise<void> {
  if (id === null || id === undefined) return;
  const row = await tx.selectFrom('top_levels').select('id').where('id', '=', id).executeTakeFirst();
  if (!row)
    throw invalidInput(`Top level ${id} does not exist`, [
      { field: 'createUnderToplevelId', message: `no top level with id ${id}` },
    ]);
}
