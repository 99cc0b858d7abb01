import { PostgresAdapter, type Kysely } from 'kysely';

/** True when the query runs on PostgreSQL (works for a Kysely instance and for a transaction). */
export function isPostgresDb(db: Pick<Kysely<never>, 'getExecutor'>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
