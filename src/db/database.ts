// Opens the configured database (SQLite file by default, PostgreSQL when a URL is given) as a typed Kysely.
import path from 'node:path';
import { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { openSqlite, SqliteDialect } from './dialect/sqlite.js';
import { createPostgresDialect } from './dialect/postgres.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The PostgreSQL URL, when the dialect is postgres (pg-boss needs it). */
  url: string | undefined;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A postgres:// URL; when absent, SQLite is used. */
  url?: string | undefined;
  /** The SQLite file; defaults to tributary.db in dataDir. */
  sqliteFile?: string;
  dataDir?: string;
}

export function openDatabase(options: OpenDatabaseOptions): DatabaseHandle {
  if (options.url) {
    const { dialect, pool } = createPostgresDialect(options.url);
    const db = new Kysely<Database>({ dialect });
    return {
      db,
      dialect: 'postgres',
      url: options.url,
      close: async () => {
        await db.destroy();
        void pool;
      },
    };
  }
  const file = options.sqliteFile ?? path.join(options.dataDir ?? './data', 'tributary.db');
  const db = new Kysely<Database>({ dialect: new SqliteDialect(openSqlite({ file })) });
  return { db, dialect: 'sqlite', url: undefined, close: () => db.destroy() };
}
