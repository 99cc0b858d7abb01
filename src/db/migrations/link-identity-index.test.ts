// The link identity moves from a table constraint to a unique index of the same name: the rows, their ids and
// (SQLite) the AUTOINCREMENT counter survive the rebuild, and one link per identity is enforced before and after.
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { isPostgresDb } from '../dialect/is-postgres.js';
import { linkIdentityIndexExists } from '../link-identity-index.js';
import { describeEachDialect } from '../testing.js';
import { down, up } from './20261122000200_link_identity_index.js';

describeEachDialect('link identity index migration', (get) => {
  const link = (externalId: string, recordId: number) => ({
    instance_id: 7,
    record_type: 'user' as const,
    record_id: recordId,
    external_id: externalId,
    external_name: `Person ${recordId}`,
    last_seen_at: '2026-11-22T00:00:00.000Z',
    last_seen_run_id: 3,
    content_hash: `h${recordId}`,
    created_at: '2026-11-22T00:00:00.000Z',
    updated_at: '2026-11-22T00:00:00.000Z',
  });
  const rows = () => get().db.selectFrom('external_links').selectAll().orderBy('id').execute();
  const nextId = async () =>
    (
      await get()
        .db.insertInto('external_links')
        .values(link('probe', 99))
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  it('keeps every link, its id and the id counter, and enforces the identity before and after', async () => {
    const db = get().db;
    const raw = db as unknown as Kysely<unknown>;
    await down(raw);
    // SQLite names the constraint's index sqlite_autoindex_…; PostgreSQL names it after the constraint.
    expect(await linkIdentityIndexExists(db)).toBe(isPostgresDb(db));
    await db
      .insertInto('external_links')
      .values([link('corp:a', 1), link('corp:b', 2), link('corp:c', 3)])
      .execute();
    await expect(db.insertInto('external_links').values(link('corp:a', 4)).execute()).rejects.toThrow();
    // The newest link is gone: its id must never be handed out again.
    const top = (await rows()).at(-1)?.id as number;
    await db.deleteFrom('external_links').where('id', '=', top).execute();
    const before = await rows();

    await up(raw);
    expect(await rows()).toEqual(before);
    expect(await linkIdentityIndexExists(db)).toBe(true);
    await expect(db.insertInto('external_links').values(link('corp:a', 5)).execute()).rejects.toThrow();
    expect(await nextId()).toBeGreaterThan(top); // not the deleted link's id
    const { rows: indexes } = isPostgresDb(db)
      ? await sql<{ name: string }>`select indexname as name from pg_indexes
          where schemaname = current_schema() and tablename = 'external_links' order by 1`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master
          where type = 'index' and tbl_name = 'external_links' order by 1`.execute(db);
    expect(indexes.map((i) => i.name)).toEqual(
      isPostgresDb(db)
        ? ['external_links_identity_uq', 'external_links_pkey', 'external_links_record_idx']
        : ['external_links_identity_uq', 'external_links_record_idx'],
    );
  });
});
