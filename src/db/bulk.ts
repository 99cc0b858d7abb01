// Bulk inserts for the import path. A directory import writes hundreds of thousands of rows; building a
// query-builder tree per statement and matching RETURNING rows back to inputs cost more than SQLite's own
// work. Here the SQL text is built once per shape (table, columns, rows per statement) and executed with fresh
// parameters, so the SQLite driver's prepared-statement cache hits every time, and ids are allocated before
// the insert (from the table's own sequence), so the caller knows which id each row got without RETURNING.
import { CompiledQuery } from 'kysely';
import { isPostgresDb } from './dialect/is-postgres.js';
import { MAX_SPREAD_PARAMS, rowBatchQuery } from './dialect/row-batch.js';
import type { Tx } from './transaction.js';

/** Table and column names come from our code, never from input; they are still checked before quoting. */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
/** Parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;
const MAX_ROWS = 500;
/** SQLite: rows per INSERT, as many as pass their parameters one by one, at most 50 (see dialect/row-batch.ts). */
const sqliteRowsPerInsert = (columns: number) =>
  Math.max(1, Math.min(50, Math.floor(MAX_SPREAD_PARAMS / columns)));

const statements = new Map<string, string>();

function insertSql(postgres: boolean, table: string, columns: readonly string[], rows: number): string {
  const key = `${postgres ? 'pg' : 'sqlite'}|${table}|${columns.join(',')}|${rows}`;
  let text = statements.get(key);
  if (text) return text;
  for (const name of [table, ...columns])
    if (!IDENTIFIER.test(name)) throw new Error(`bulk insert: "${name}" is not a plain identifier`);
  let n = 0;
  const tuple = () => `(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`;
  const values = Array.from({ length: rows }, tuple).join(', ');
  text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${values}`;
  if (statements.size >= 200) statements.delete(statements.keys().next().value as string);
  statements.set(key, text);
  return text;
}

/** Inserts `rows` (each an array of values in `columns` order) with as few statements as the limits allow. */
export async function insertRows(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  for (const row of rows)
    if (row.length !== columns.length)
      throw new Error(
        `bulk insert into ${table}: a row has ${row.length} values for ${columns.length} columns`,
      );
  const postgres = isPostgresDb(tx);
  if (!postgres) {
    // SQLite: a prepared INSERT of a few dozen rows, run once per chunk inside the driver; the chunk left over
    // (fewer rows) is one more statement of its own size (see dialect/row-batch.ts).
    const per = sqliteRowsPerInsert(columns.length);
    const whole = rows.length - (rows.length % per);
    const flat = (from: number, to: number): unknown[] => {
      const params: unknown[] = [];
      for (let j = from; j < to; j++) for (const v of rows[j] as readonly unknown[]) params.push(v);
      return params;
    };
    if (whole > 0) {
      const chunks: unknown[][] = [];
      for (let i = 0; i < whole; i += per) chunks.push(flat(i, i + per));
      await tx.executeQuery(rowBatchQuery(insertSql(false, table, columns, per), chunks));
    }
    if (whole < rows.length)
      await tx.executeQuery(
        rowBatchQuery(insertSql(false, table, columns, rows.length - whole), [flat(whole, rows.length)]),
      );
    return;
  }
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns.length)));
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const params: unknown[] = [];
    for (const row of chunk) for (const v of row) params.push(v);
    await tx.executeQuery(CompiledQuery.raw(insertSql(postgres, table, columns, chunk.length), params));
  }
}

/**
 * Reserves `count` new ids of `table`'s integer primary key. PostgreSQL draws them from the column's sequence
 * (safe under concurrency). SQLite has no sequence to draw from: the ids follow the highest ever used
 * (sqlite_sequence, or max(id)), which is only safe inside a write transaction (BEGIN IMMEDIATE holds the
 * database's write lock) and only until the next insert into the table — use insertWithIds, which inserts at once.
 */
async function allocateIds(tx: Tx, table: string, count: number): Promise<number[]> {
  if (!IDENTIFIER.test(table)) throw new Error(`bulk insert: "${table}" is not a plain identifier`);
  if (count === 0) return [];
  if (isPostgresDb(tx)) {
    const { rows } = await tx.executeQuery<{ id: number }>(
      CompiledQuery.raw(
        `select nextval(pg_get_serial_sequence('"${table}"', 'id'))::integer as id from generate_series(1, $1)`,
        [count],
      ),
    );
    return rows.map((r) => Number(r.id));
  }
  const { rows } = await tx.executeQuery<{ top: number }>(
    CompiledQuery.raw(
      `select max(coalesce((select seq from sqlite_sequence where name = ?), 0), coalesce((select max(id) from "${table}"), 0)) as top`,
      [table],
    ),
  );
  const top = Number(rows[0]?.top ?? 0);
  return Array.from({ length: count }, (_, i) => top + 1 + i);
}

/**
 * Inserts `count` rows with freshly allocated ids and returns the ids in row order. `withId(i, id)` builds row
 * `i` with its id first, then the values of `columns` (built once: an import writes hundreds of thousands).
 * Must run inside a transaction.
 */
export async function insertWithIds(
  tx: Tx,
  table: string,
  columns: readonly string[],
  count: number,
  withId: (i: number, id: number) => unknown[],
): Promise<number[]> {
  if (!tx.isTransaction) throw new Error('insertWithIds must run inside a transaction');
  const ids = await allocateIds(tx, table, count);
  await insertRows(
    tx,
    table,
    ['id', ...columns],
    ids.map((id, i) => withId(i, id)),
  );
  return ids;
}
