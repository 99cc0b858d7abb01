// The identity of an external link, (instance, record type, external id), was a UNIQUE table constraint; it
// becomes a unique index of the same name and columns, which enforces the same thing and, unlike a constraint
// on SQLite, can be dropped and built again. A large first import does that (db/link-identity-index.ts): the
// external ids arrive in random order (objectGUIDs, entryUUIDs), and inserting 1,000,000 links one by one into
// an index keyed on them took half the import.
//
// SQLite cannot drop a table constraint, so the table is rebuilt, in one transaction: the same columns, rows,
// ids and AUTOINCREMENT counter. No foreign key points at external_links. (Kysely runs SQLite's migrations
// outside a transaction: it holds SQLite's one connection for them, so BEGIN here is this migration's own.)
import { sql, type Kysely } from 'kysely';
import { isPostgres, withId, withTimestamps } from './helpers.js';

const COLUMNS = [
  'id',
  'instance_id',
  'record_type',
  'record_id',
  'external_id',
  'external_name',
  'last_seen_at',
  'last_seen_run_id',
  'content_hash',
  'created_at',
  'updated_at',
].join(', ');

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`ALTER TABLE external_links DROP CONSTRAINT external_links_identity_uq`.execute(db);
    await sql`CREATE UNIQUE INDEX external_links_identity_uq ON external_links (instance_id, record_type, external_id)`.execute(
      db,
    );
    return;
  }
  await inSqliteTransaction(db, async () => {
    await rebuildSqliteTable(db, false);
    await sql`CREATE UNIQUE INDEX external_links_identity_uq ON external_links (instance_id, record_type, external_id)`.execute(
      db,
    );
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP INDEX external_links_identity_uq`.execute(db);
    await sql`ALTER TABLE external_links ADD CONSTRAINT external_links_identity_uq UNIQUE (instance_id, record_type, external_id)`.execute(
      db,
    );
    return;
  }
  await inSqliteTransaction(db, () => rebuildSqliteTable(db, true));
}

async function inSqliteTransaction(db: Kysely<unknown>, fn: () => Promise<void>): Promise<void> {
  await sql`BEGIN IMMEDIATE`.execute(db);
  try {
    await fn();
    await sql`COMMIT`.execute(db);
  } catch (e) {
    await sql`ROLLBACK`.execute(db);
    throw e;
  }
}

/** external_links again as the first migration made it, with (`constraint`) or without its unique constraint. */
async function rebuildSqliteTable(db: Kysely<unknown>, constraint: boolean): Promise<void> {
  const { rows } = await sql<{
    seq: number;
  }>`SELECT seq FROM sqlite_sequence WHERE name = 'external_links'`.execute(db);
  const table = withTimestamps(
    withId(db, db.schema.createTable('external_links_rebuilt'))
      .addColumn('instance_id', 'integer', (c) => c.notNull())
      .addColumn('record_type', 'text', (c) => c.notNull())
      .addColumn('record_id', 'integer', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('external_name', 'text')
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_run_id', 'integer')
      .addColumn('content_hash', 'text'),
  );
  await (
    constraint
      ? table.addUniqueConstraint('external_links_identity_uq', ['instance_id', 'record_type', 'external_id'])
      : table
  ).execute();
  await sql
    .raw(`INSERT INTO external_links_rebuilt (${COLUMNS}) SELECT ${COLUMNS} FROM external_links ORDER BY id`)
    .execute(db);
  await sql`DROP TABLE external_links`.execute(db);
  await sql`ALTER TABLE external_links_rebuilt RENAME TO external_links`.execute(db);
  // The counter, not max(id): ids of deleted links are never handed out again.
  if (rows[0])
    await sql`UPDATE sqlite_sequence SET seq = ${rows[0].seq} WHERE name = 'external_links'`.execute(db);
  await sql`CREATE INDEX external_links_record_idx ON external_links (record_type, record_id)`.execute(db);
}
