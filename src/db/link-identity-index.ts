// The unique index on an external link's identity, (instance, record type, external id): one link per source
// record. A large first import drops it and builds it again at its end (integrations/framework/reconcile/
// bulk-import.ts), as it does end_users' lookup indexes (end-user-indexes.ts), because the external ids arrive
// in random order: inserting 1,000,000 links one by one into it took 33.8 s of SQL where inserting them
// without it and building it afterwards took 16.3 s (bench/README.md).
//
// What it enforces still holds meanwhile: only the importing run creates links of its instance (the lease),
// and it looks up every id it may have linked before (reconcile/id-fingerprints.ts), building the index first
// when there is one to look up. A process killed while the index is dropped leaves it missing: every run
// builds it again before it reads.
import { sql } from 'kysely';
import { AppError } from '../core/errors.js';
import { isPostgresDb } from './dialect/is-postgres.js';
import { withSorterThreads } from './sorter-threads.js';
import { transact, type Db, type Tx } from './transaction.js';

export const LINK_IDENTITY_INDEX = 'external_links_identity_uq';

/** True when the identity index exists. */
export async function linkIdentityIndexExists(db: Db | Tx): Promise<boolean> {
  const { rows } = isPostgresDb(db)
    ? await sql<{ name: string }>`select indexname as name from pg_indexes
        where schemaname = current_schema() and indexname = ${LINK_IDENTITY_INDEX}`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master
        where type = 'index' and name = ${LINK_IDENTITY_INDEX}`.execute(db);
  return rows.length > 0;
}

/** Drops the identity index (inside the caller's transaction). */
export async function dropLinkIdentityIndex(tx: Tx): Promise<void> {
  await sql`drop index if exists ${sql.id(LINK_IDENTITY_INDEX)}`.execute(tx);
}

/**
 * Builds the identity index if it is missing, inside the caller's transaction. Should two links share one
 * identity (a defect: nothing else writes links), the build fails with an error that names them, and the
 * table is left as it was.
 */
export async function createLinkIdentityIndex(tx: Tx): Promise<void> {
  // Under a savepoint: a failed statement aborts a PostgreSQL transaction, and the duplicates are read after it.
  await sql`savepoint link_identity`.execute(tx);
  try {
    await sql`create unique index if not exists ${sql.id(LINK_IDENTITY_INDEX)}
      on external_links (instance_id, record_type, external_id)`.execute(tx);
  } catch (e) {
    await sql`rollback to savepoint link_identity`.execute(tx);
    throw (await duplicateLinks(tx, e)) ?? e;
  } finally {
    await sql`release savepoint link_identity`.execute(tx);
  }
}

/** Builds the identity index if it is missing (in its own transaction); true when it had to. */
export async function restoreLinkIdentityIndex(db: Db): Promise<boolean> {
  if (await linkIdentityIndexExists(db)) return false;
  await withSorterThreads(db, () => transact(db, (tx) => createLinkIdentityIndex(tx)));
  return true;
}

async function duplicateLinks(tx: Tx, cause: unknown): Promise<AppError | undefined> {
  const { rows } = await sql<{ instance_id: number; record_type: string; external_id: string; n: number }>`
    select instance_id, record_type, external_id, count(*) as n from external_links
    group by instance_id, record_type, external_id having count(*) > 1 limit 3`.execute(tx);
  if (rows.length === 0) return undefined;
  const named = rows.map(
    (r) => `instance ${r.instance_id} ${r.record_type} "${r.external_id}" (${r.n} links)`,
  );
  return new AppError(
    'DUPLICATE_LINKS',
    'internal',
    `external_links holds more than one link for one source record, so its unique index ${LINK_IDENTITY_INDEX} cannot be built: ${named.join(', ')}${rows.length === 3 ? ', …' : ''}`,
    { cause },
  );
}
