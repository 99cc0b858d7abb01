// Shared pieces of the console's record lists: paging input, case-insensitive "contains" search that works the
// same on SQLite and PostgreSQL, and the page shape every list returns.
import { sql, type Expression, type SqlBool } from 'kysely';

export interface ListInput {
  search?: string | undefined;
  page: number;
  pageSize: number;
  /** Which records by their inactive flag; tickets read it as open/closed. */
  status: 'active' | 'inactive' | 'all';
  /** Only these records (e.g. the customers a screen needs names for). */
  ids?: readonly number[] | undefined;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** `lower(col) LIKE lower('%term%')` for any of the columns, with LIKE's wildcards in the term escaped. */
export function containsAny(columns: readonly string[], term: string): Expression<SqlBool> {
  const pattern = `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const parts = columns.map((c) => sql<SqlBool>`lower(${sql.ref(c)}) like ${pattern} escape '\\'`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

export const offsetOf = (input: ListInput) => (input.page - 1) * input.pageSize;

/** COUNT(*) arrives as a number on SQLite and as a string (bigint) on PostgreSQL. */
export const toCount = (v: unknown): number => Number(v ?? 0);

export const asBool = (v: number | null | undefined): boolean => v === 1;
