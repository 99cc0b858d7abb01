// Column helpers shared by migrations. Migrations are frozen in time: change a helper only in ways that
// keep every existing migration producing the same schema.
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

import { isPostgresDb } from '../dialect/is-postgres.js';

export const isPostgres = (db: Kysely<unknown>): boolean => isPostgresDb(db);

/** An auto-incrementing integer primary key named id (Halo's ids are integers). */
export function withId<T extends string>(
  db: Kysely<unknown>,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** created_at / updated_at as ISO-8601 UTC text: identical on both dialects and sortable as text. */
export function withTimestamps<T extends string, C extends string>(table: CreateTableBuilder<T, C>) {
  return table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
}

/** Booleans are stored as 0/1 integers on both dialects so one query shape serves both. */
export const boolColumn = 'integer' as const;

export const nowIso = sql`CURRENT_TIMESTAMP`;
