// PostgreSQL only: a trigram GIN index on customer names, so `name ILIKE '%term%'` (the Halo client search)
// is an index lookup rather than a scan. pg_trgm is a trusted extension (PostgreSQL 13+), so the database
// owner can enable it; where it is unavailable or not permitted, the search keeps working as a scan and the
// migration records that it skipped (a SAVEPOINT keeps the surrounding migration transaction usable).
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  const available = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'pg_trgm'`.execute(db);
  if ((available.rows[0]?.n ?? 0) === 0) return;
  // The migrator runs each migration in a transaction on PostgreSQL; a savepoint needs one.
  const inTx = db.isTransaction;
  if (inTx) await sql`SAVEPOINT customer_search_pg`.execute(db);
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    await sql`CREATE INDEX customers_name_trgm_idx ON customers USING gin (name gin_trgm_ops)`.execute(db);
    if (inTx) await sql`RELEASE SAVEPOINT customer_search_pg`.execute(db);
  } catch {
    if (inTx) await sql`ROLLBACK TO SAVEPOINT customer_search_pg`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`DROP INDEX IF EXISTS customers_name_trgm_idx`.execute(db);
}
