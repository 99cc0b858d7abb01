// Index builds after a bulk import (db/end-user-indexes.ts, db/link-identity-index.ts) sort every key once.
import { sql } from 'kysely';
import { isPostgresDb } from './dialect/is-postgres.js';
import type { Db } from './transaction.js';

/**
 * Runs `build` with SQLite's sorter allowed two helper threads (PRAGMA threads), then puts the setting back.
 * An index over more keys than fit the sorter's memory is sorted in runs that are merged; with helper threads
 * the runs are sorted and merged in parallel. The rebuild comes after the read, when the read worker is done
 * and a core is free: in an import of 1,000,000 users the four end-user index builds took 3.4 s instead of 4.1 s
 * (bench/README.md, the seventh machine); below a few hundred thousand rows the sort fits in memory and
 * nothing changes.
 */
export async function withSorterThreads<T>(db: Db, build: () => Promise<T>): Promise<T> {
  if (isPostgresDb(db)) return build();
  const { rows } = await sql<{ threads: number }>`pragma threads`.execute(db);
  const before = Number(rows[0]?.threads ?? 0);
  await sql`pragma threads = 2`.execute(db);
  try {
    return await build();
  } finally {
    await sql.raw(`pragma threads = ${before}`).execute(db);
  }
}
