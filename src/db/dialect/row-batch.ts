// A compiled statement to run once per row, in one call into the driver. SQLite runs a one-row prepared INSERT
// per row faster than one multi-row INSERT (binding thousands of parameters into one statement costs more than
// re-running a small one), but going through the query executor per row costs a promise and a connection
// hand-off each. The SQLite connection (sqlite.ts) recognises this marker and loops natively.
import { CompiledQuery } from 'kysely';

export const ROW_BATCH: unique symbol = Symbol('tributary.rowBatch');

export interface RowBatchQuery extends CompiledQuery {
  readonly [ROW_BATCH]: readonly (readonly unknown[])[];
}

/** `sql` (with one row's placeholders) to be executed once for each of `rows`. SQLite only. */
export function rowBatchQuery(sql: string, rows: readonly (readonly unknown[])[]): RowBatchQuery {
  return { ...CompiledQuery.raw(sql, []), [ROW_BATCH]: rows };
}

export function rowsOf(query: CompiledQuery): readonly (readonly unknown[])[] | undefined {
  return (query as Partial<RowBatchQuery>)[ROW_BATCH];
}
