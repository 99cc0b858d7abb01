// PostgreSQL through pg, chosen when DATABASE_URL is set. Same schema and queries as SQLite.
import pg from 'pg';
import { PostgresDialect } from 'kysely';

// COUNT(*) and BIGINT arrive as strings by default; our counts and ids fit comfortably in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export function createPostgresDialect(
  connectionString: string,
  maxConnections = 10,
): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return { dialect: new PostgresDialect({ pool }), pool };
}
