// The secondary indexes of end_users, which a large first import drops and builds again at its end
// (integrations/framework/reconcile/bulk-import.ts). Inserting rows one by one into an index keyed on random
// values (names, e-mails, logins) dirties a random leaf page per row; once such an index outgrows the page
// cache every transaction rewrites thousands of its pages, and an import of 1,000,000 directory users spent
// most of its time there. Building an index afterwards sorts the keys once and writes each page once.
//
// None of these indexes enforces anything (they are lookups only), so the table is correct without them,
// just slower to search. A process killed while they are dropped leaves them missing: restoreEndUserIndexes
// runs before every end-user sync and builds whatever is missing.
//
// The definitions must equal the migrations' (end-user-indexes.test.ts compares them with the migrated schema).
import { sql } from 'kysely';
import { isPostgresDb } from './dialect/is-postgres.js';
import { withSorterThreads } from './sorter-threads.js';
import { transact, type Db, type Tx } from './transaction.js';

export interface EndUserIndex {
  name: string;
  /** The indexed column list or expressions, as in CREATE INDEX … ON end_users <columns>. */
  columns: string;
  /** Serves adoption (e-mail/login matching of hand-made users): kept while there are users to adopt. */
  adoption: boolean;
}

export const END_USER_INDEXES: readonly EndUserIndex[] = [
  { name: 'end_users_site_idx', columns: '(site_id)', adoption: false },
  { name: 'end_users_customer_idx', columns: '(customer_id, name)', adoption: false },
  { name: 'end_users_lower_email_idx', columns: '(lower(email))', adoption: true },
  { name: 'end_users_lower_login_idx', columns: '(lower(login))', adoption: true },
];

/** The names of END_USER_INDEXES that exist now. */
export async function existingEndUserIndexes(db: Db | Tx): Promise<Set<string>> {
  const { rows } = isPostgresDb(db)
    ? await sql<{ name: string }>`select indexname as name from pg_indexes
        where schemaname = current_schema() and tablename = 'end_users'`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master
        where type = 'index' and tbl_name = 'end_users'`.execute(db);
  const known = new Set(END_USER_INDEXES.map((i) => i.name));
  return new Set(rows.map((r) => r.name).filter((n) => known.has(n)));
}

/** Drops the given indexes (inside the caller's transaction). */
export async function dropEndUserIndexes(tx: Tx, indexes: readonly EndUserIndex[]): Promise<void> {
  for (const index of indexes) await sql`drop index if exists ${sql.id(index.name)}`.execute(tx);
}

/** Builds every END_USER_INDEXES entry that is missing, in one transaction; returns the names it built. */
export async function restoreEndUserIndexes(db: Db): Promise<string[]> {
  const existing = await existingEndUserIndexes(db);
  const missing = END_USER_INDEXES.filter((i) => !existing.has(i.name));
  if (missing.length === 0) return [];
  await withSorterThreads(db, () =>
    transact(db, async (tx) => {
      for (const index of missing)
        await sql`create index if not exists ${sql.id(index.name)} on end_users ${sql.raw(index.columns)}`.execute(
          tx,
        );
    }),
  );
  return missing.map((i) => i.name);
}
