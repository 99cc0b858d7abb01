// Every write goes through `transact`: one transaction, retried when the database says "try again"
// (SQLite busy/locked from another process, PostgreSQL serialization failure or deadlock).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

export type Tx = Transaction<Database>;
export type Db = Kysely<Database>;

const RETRYABLE_SQLITE = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']);
const RETRYABLE_PG = new Set(['40001', '40P01']);

export function isRetryableDbError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (RETRYABLE_SQLITE.has(code) || RETRYABLE_PG.has(code));
}

export interface TransactOptions {
  attempts?: number;
}

/** Runs `fn` in a transaction, retrying the whole transaction on busy/serialization errors. */
export async function transact<T>(
  db: Db,
  fn: (tx: Tx) => Promise<T>,
  options: TransactOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (e) {
      if (attempt >= attempts || !isRetryableDbError(e)) throw e;
      const delay = Math.min(1000, 20 * 2 ** attempt) * (0.5 + Math.random());
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** Use the given transaction when the caller already has one, else open a new one. */
export function withTx<T>(dbOrTx: Db | Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return dbOrTx.isTransaction ? fn(dbOrTx as Tx) : transact(dbOrTx, fn);
}
