import { invalidInput } from '../../core/errors.js';
import type { Tx } from '../../db/transaction.js';

/** Turns role references (ids, or names as the CLI gives them) into role ids; an unknown one is a 400 on `field`. */
export async function resolveRoleIds(
  tx: Tx,
  refs: ReadonlyArray<number | string>,
  field = 'roles',
): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, ref] of refs.entries()) {
    const row =
      typeof ref === 'number'
        ? await tx.selectFrom('roles').select('id').where('id', '=', ref).executeTakeFirst()
        : await tx.selectFrom('roles').select('id').where('name', '=', ref).executeTakeFirst();
    if (!row)
      throw invalidInput(`Unknown role ${String(ref)}`, [
        { field: `${field}[${i}]`, message: `no role ${String(ref)}` },
      ]);
    ids.push(row.id);
  }
  return [...new Set(ids)];
}
