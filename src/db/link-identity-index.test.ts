// The identity index a large import drops must come back as the migration made it, and must be the only thing
// that enforces one link per identity (else dropping it would save nothing); a defect that left two links for
// one identity must be named, not hidden behind a bare constraint error.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { isPostgresDb } from './dialect/is-postgres.js';
import {
  createLinkIdentityIndex,
  dropLinkIdentityIndex,
  linkIdentityIndexExists,
  restoreLinkIdentityIndex,
} from './link-identity-index.js';
import { describeEachDialect } from './testing.js';
import { transact, type Db } from './transaction.js';

const definition = async (db: Db): Promise<string | undefined> => {
  const { rows } = isPostgresDb(db)
    ? await sql<{ def: string }>`select indexdef as def from pg_indexes
        where schemaname = current_schema() and indexname = 'external_links_identity_uq'`.execute(db)
    : await sql<{
        def: string;
      }>`select sql as def from sqlite_master where name = 'external_links_identity_uq'`.execute(db);
  return rows[0]?.def
    .toLowerCase()
    .replace(/"/g, '')
    .replace(/ if not exists/, '')
    .replace(/\s+/g, ' ');
};

describeEachDialect('link identity index', (get) => {
  const link = (externalId: string, recordId: number) => ({
    instance_id: 1,
    record_type: 'user' as const,
    record_id: recordId,
    external_id: externalId,
    external_name: null,
    last_seen_at: 'x',
    last_seen_run_id: null,
    content_hash: null,
    created_at: 'x',
    updated_at: 'x',
  });

  it('is the one guard of one link per identity, and comes back exactly as the migration made it', async () => {
    const db = get().db;
    const migrated = await definition(db);
    expect(migrated).toMatch(
      /unique index external_links_identity_uq on .*external_links.*\(instance_id, record_type, external_id\)/,
    );
    expect(await restoreLinkIdentityIndex(db)).toBe(false); // there: nothing built

    await db.insertInto('external_links').values(link('corp:x', 1)).execute();
    await transact(db, (tx) => dropLinkIdentityIndex(tx));
    expect(await linkIdentityIndexExists(db)).toBe(false);
    await db.insertInto('external_links').values(link('corp:y', 2)).execute();
    expect(await restoreLinkIdentityIndex(db)).toBe(true);
    expect(await definition(db)).toBe(migrated);
    await expect(db.insertInto('external_links').values(link('corp:x', 3)).execute()).rejects.toThrow();
  });

  it('names the links that share an identity when it cannot be built, and leaves the transaction usable', async () => {
    const db = get().db;
    await transact(db, (tx) => dropLinkIdentityIndex(tx));
    await db
      .insertInto('external_links')
      .values([link('corp:twice', 4), link('corp:twice', 5)])
      .execute();
    const after = await transact(db, async (tx) => {
      await expect(createLinkIdentityIndex(tx)).rejects.toMatchObject({
        code: 'DUPLICATE_LINKS',
        message: expect.stringContaining('instance 1 user "corp:twice" (2 links)'),
      });
      // Still usable after the failed build (a PostgreSQL transaction would be aborted without the savepoint).
      return tx.selectFrom('external_links').select('id').where('external_id', '=', 'corp:twice').execute();
    });
    expect(after).toHaveLength(2);
    expect(await linkIdentityIndexExists(db)).toBe(false);
    await db.deleteFrom('external_links').where('record_id', '=', 5).execute();
    expect(await restoreLinkIdentityIndex(db)).toBe(true);
    expect(await linkIdentityIndexExists(db)).toBe(true);
  });
});
