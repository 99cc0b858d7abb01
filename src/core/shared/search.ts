// Case-insensitive substring search that means the same on SQLite and PostgreSQL. User input never acts as a
// pattern: `%`, `_` and `\` are escaped and the comparison declares `\` as its escape character.
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { isPostgresDb } from '../../db/dialect/is-postgres.js';

/** Escapes LIKE wildcards so the text matches literally (with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The pattern for "contains `text`", wildcards in `text` taken literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/**
 * `col1 LIKE %term% OR col2 LIKE %term% …`, case-insensitive: ILIKE on PostgreSQL; LIKE on SQLite, which
 * ignores ASCII case (non-ASCII letters compare case-sensitively there, a documented SQLite limit).
 * `columns` are trusted, code-defined references such as "c.name".
 */
export function containsAny(
  db: Pick<Kysely<never>, 'getExecutor'>,
  columns: readonly string[],
  term: string,
): Expression<SqlBool> {
  const op = sql.raw(isPostgresDb(db) ? 'ILIKE' : 'LIKE');
  const pattern = containsPattern(term);
  const parts = columns.map((c) => sql<SqlBool>`${sql.ref(c)} ${op} ${pattern} ESCAPE '\\'`);
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}
