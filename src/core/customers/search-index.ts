// The SQLite trigram index over active customers' names (migration 20261121000610_customer_search): how
// list-customers uses it to answer a paged search without scanning 100,000 names twice.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../db/transaction.js';
import type { ActiveFilter } from '../shared/list.js';
import { isPostgresDb } from '../../db/dialect/is-postgres.js';

/** Trigrams need at least three characters; shorter terms fall back to a LIKE scan. */
export const INDEX_MIN_CHARS = 3;
/**
 * Up to this many matches, the page is picked from the matches themselves (sorted in memory by SQLite);
 * above it, walking the name index and stopping after the page is cheaper.
 */
export const SPARSE_MATCHES = 1500;

/** The search as one FTS5 phrase: every character literal (wildcards mean nothing there), quotes doubled. */
export function ftsPhrase(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** The index holds active customers only, so it serves searches that want exactly those (the default). */
export function canUseSearchIndex(
  db: Db | Tx,
  term: string | undefined,
  activity: ActiveFilter | undefined,
): term is string {
  if (term === undefined || isPostgresDb(db)) return false;
  const a = activity ?? { active: true, inactive: false };
  return a.active && !a.inactive && [...term].length >= INDEX_MIN_CHARS;
}

/** Number of active customers whose name contains `term` (case-insensitive). */
export async function countIndexed(db: Db | Tx, term: string): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM customer_search WHERE customer_search MATCH ${ftsPhrase(term)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Ids of active customers whose name contains `term`, at most `limit` of them: when fewer come back, that is
 * every match (and its count), found with one pass over the index.
 */
export async function matchingIds(db: Db | Tx, term: string, limit: number): Promise<number[]> {
  const r = await sql<{
    id: number;
  }>`SELECT rowid AS id FROM customer_search WHERE customer_search MATCH ${ftsPhrase(term)} LIMIT ${limit}`.execute(
    db,
  );
  return r.rows.map((x) => x.id);
}

/** `c.id IN (ids)` with the ids as one JSON parameter: one statement text (and cached plan) for any count. */
export function inIdSet(ids: readonly number[]): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref('c.id')} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;
}

/** `c.id IN (active customers whose name contains term)`. */
export function inSearchIndex(term: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref('c.id')} IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ${ftsPhrase(term)})`;
}
