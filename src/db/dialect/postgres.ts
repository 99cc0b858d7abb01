// PostgreSQL through pg, chosen when DATABASE_URL is set. Same schema and queries as SQLite.
import { createRequire } from 'node:module';
import { PostgresDialect } from 'kysely';
import type pg from 'pg';

/**
 * pg, loaded when a PostgreSQL database is opened: on the SQLite default every command would otherwise pay
 * for loading it (~50 ms) at start-up. It is CommonJS, so require loads it synchronously, as openDatabase is.
 */
function loadPg(): typeof pg {
  const loaded = createRequire(import.meta.url)('pg') as typeof pg;
  // COUNT(*) and BIGINT arrive as strings by default; our counts and ids fit comfortably in a double.
  loaded.types.setTypeParser(loaded.types.builtins.INT8, (v) => Number.parseInt(v, 10));
  return loaded;
}

export function createPostgresDialect(
  connectionString: string,
  maxConnections = 10,
): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new (loadPg().Pool)({ connectionString, max: maxConnections });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return { dialect: new PostgresDialect({ pool }), pool };
}
