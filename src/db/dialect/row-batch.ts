// A compiled statement to run once per parameter list, in one call into the driver: going through the query
// executor per statement costs a promise and a connection hand-off each. The SQLite connection (sqlite.ts)
// recognises this marker and loops natively.
//
// What one run should hold (db/bulk.ts): a few dozen rows. One INSERT of 500 rows binds thousands of parameters
// as one array, which better-sqlite3 does slowly (see sqlite.ts). One row per run pays SQLite's per-statement
// work for every row, AUTOINCREMENT's read and write of sqlite_sequence included. 10–50 rows per run, their
// parameters passed one by one, took 35 % less CPU than one row per run for 100,000 users and their links
// (a scratch benchmark, bench/README.md, the thirteenth machine).
import { CompiledQuery } from 'kysely';

export const ROW_BATCH: unique symbol = Symbol('tributary.rowBatch');

/** Parameters a statement run takes one by one (as separate arguments) rather than as one array. */
export const MAX_SPREAD_PARAMS = 1000;

export interface RowBatchQuery extends CompiledQuery {
  readonly [ROW_BATCH]: readonly (readonly unknown[])[];
}

/** `sql` to be executed once for each parameter list of `rows`. SQLite only. */
export function rowBatchQuery(sql: string, rows: readonly (readonly unknown[])[]): RowBatchQuery {
  return { ...CompiledQuery.raw(sql, []), [ROW_BATCH]: rows };
}

export function rowsOf(query: CompiledQuery): readonly (readonly unknown[])[] | undefined {
  return (query as Partial<RowBatchQuery>)[ROW_BATCH];
}
