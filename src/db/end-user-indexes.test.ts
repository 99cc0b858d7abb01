// The indexes a large import drops must come back exactly as the migrations made them, and END_USER_INDEXES
// must name every secondary index of end_users (one added by a later migration and missing here would be
// maintained row by row through every bulk import, and never restored if a migration's copy were dropped).
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { isPostgresDb } from './dialect/is-postgres.js';
import {
  dropEndUserIndexes,
  END_USER_INDEXES,
  existingEndUserIndexes,
  restoreEndUserIndexes,
} from './end-user-indexes.js';
import { describeEachDialect } from './testing.js';
import { transact, type Db } from './transaction.js';

/** Every index on end_users except the primary key's, by name, with its definition in a comparable spelling. */
async function definitions(db: Db): Promise<Map<string, string>> {
  const { rows } = isPostgresDb(db)
    ? await sql<{ name: string; def: string }>`select indexname as name, indexdef as def from pg_indexes
        where schemaname = current_schema() and tablename = 'end_users' and indexname <> 'end_users_pkey'`.execute(
        db,
      )
    : await sql<{ name: string; def: string }>`select name, sql as def from sqlite_master
        where type = 'index' and tbl_name = 'end_users' and sql is not null`.execute(db);
  const spelling = (def: string) =>
    def
      .toLowerCase()
      .replace(/"/g, '')
      .replace(/ if not exists/, '')
      .replace(/\s+/g, ' ')
      .trim();
  return new Map(rows.map((r) => [r.name, spelling(r.def)]));
}

describeEachDialect('end-user indexes', (get) => {
  it('names every secondary index the migrations give end_users', async () => {
    const db = get().db;
    expect([...(await definitions(db)).keys()].sort()).toEqual(END_USER_INDEXES.map((i) => i.name).sort());
    expect(await existingEndUserIndexes(db)).toEqual(new Set(END_USER_INDEXES.map((i) => i.name)));
    expect(await restoreEndUserIndexes(db)).toEqual([]); // nothing missing, nothing built
  });

  it('restores dropped indexes exactly as the migrations defined them, and only those missing', async () => {
    const db = get().db;
    const migrated = await definitions(db);
    const some = END_USER_INDEXES.filter((i) => !i.adoption);
    await transact(db, (tx) => dropEndUserIndexes(tx, some));
    expect(await existingEndUserIndexes(db)).toEqual(
      new Set(END_USER_INDEXES.filter((i) => i.adoption).map((i) => i.name)),
    );
    expect(await restoreEndUserIndexes(db)).toEqual(some.map((i) => i.name));
    await transact(db, (tx) => dropEndUserIndexes(tx, END_USER_INDEXES));
    expect(await existingEndUserIndexes(db)).toEqual(new Set());
    expect(await restoreEndUserIndexes(db)).toEqual(END_USER_INDEXES.map((i) => i.name));
    expect(await definitions(db)).toEqual(migrated);
  });

  it("SQLite: the rebuild's sorter threads are the connection's own again afterwards", async () => {
    const db = get().db;
    if (isPostgresDb(db)) return; // PRAGMA threads is SQLite's
    const threads = async () =>
      Number((await sql<{ threads: number }>`pragma threads`.execute(db)).rows[0]?.threads);
    await sql`pragma threads = 1`.execute(db);
    await transact(db, (tx) => dropEndUserIndexes(tx, END_USER_INDEXES));
    expect(await restoreEndUserIndexes(db)).toEqual(END_USER_INDEXES.map((i) => i.name));
    expect(await threads()).toBe(1);
    await sql`pragma threads = 0`.execute(db);
  });

  it('a drop rolled back with its transaction leaves the indexes in place', async () => {
    const db = get().db;
    await expect(
      transact(db, async (tx) => {
        await dropEndUserIndexes(tx, END_USER_INDEXES);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await existingEndUserIndexes(db)).toEqual(new Set(END_USER_INDEXES.map((i) => i.name)));
  });
});
