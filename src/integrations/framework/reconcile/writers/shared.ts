// Helpers shared by the writers.
import type { Tx } from '../../../../db/transaction.js';
import type { TargetTable, Values } from '../types.js';

/** Drops undefined entries, so a field the source did not send never overwrites PSA data with null. */
export function defined(values: Record<string, string | number | null | undefined>): Values {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Values;
}

/** Sets inactive = 1 on the ids that are still active; returns the ids changed. */
export async function inactivate(tx: Tx, table: Exclude<TargetTable, 'licences'>, ids: number[], now: string): Promise<number[]> {
  if (ids.length === 0) return [];
  const active = await activeIds(tx, table, ids);
  if (active.length) await tx.updateTable(table).set({ inactive: 1, updated_at: now }).where('id', 'in', active).execute();
  return active;
}

export async function activeIds(tx: Tx, table: Exclude<TargetTable, 'licences'>, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await tx.selectFrom(table).select('id').where('id', 'in', ids).where('inactive', '=', 0).execute();
  return rows.map((r) => r.id);
}
