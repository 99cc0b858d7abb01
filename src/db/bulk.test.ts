// insertWithIds must hand back the id each row really got, keep the table's own id sequence consistent for
// ordinary inserts afterwards (SQLite's sqlite_sequence, PostgreSQL's serial sequence), and leave nothing
// behind when the transaction rolls back.
import { expect, it } from 'vitest';
import { insertRows, insertWithIds } from './bulk.js';
import { describeEachDialect } from './testing.js';
import { transact } from './transaction.js';

describeEachDialect('bulk inserts', (get) => {
  const now = '2026-11-21T00:00:00.000Z';
  const row = (name: string) => [name, 0, now, now];
  const columns = ['name', 'inactive', 'created_at', 'updated_at'];

  it('returns the id each row got, in row order, across several statements', async () => {
    const db = get().db;
    const names = Array.from({ length: 1234 }, (_, i) => `Bulk ${i}`);
    const ids = await transact(db, (tx) =>
      insertWithIds(tx, 'top_levels', columns, names.length, (i, id) => [id, ...row(names[i] as string)]),
    );
    expect(new Set(ids).size).toBe(names.length);
    const stored = await db.selectFrom('top_levels').select(['id', 'name']).where('id', 'in', ids).execute();
    const byId = new Map(stored.map((r) => [r.id, r.name]));
    ids.forEach((id, i) => expect(byId.get(id)).toBe(names[i]));
  });

  it('writes every row once with its values in their columns, whole statements and rows left over alike', async () => {
    const db = get().db;
    // SQLite packs up to 50 rows into one INSERT and writes the rest one by one: sizes on both sides of that.
    for (const size of [0, 1, 49, 50, 51, 149, 150, 151]) {
      const rows = Array.from({ length: size }, (_, i) => [`Size ${size} row ${i}`, i % 2, `c${i}`, `u${i}`]);
      await transact(db, (tx) => insertRows(tx, 'top_levels', columns, rows));
      const stored = await db
        .selectFrom('top_levels')
        .select(['name', 'inactive', 'created_at', 'updated_at'])
        .where('name', 'like', `Size ${size} row %`)
        .execute();
      expect(stored.map((r) => [r.name, r.inactive, r.created_at, r.updated_at]).sort()).toEqual(rows.sort());
    }
  });

  it('builds each row with its id once, with its id first', async () => {
    const db = get().db;
    const seen: [number, number][] = [];
    const ids = await transact(db, (tx) =>
      insertWithIds(tx, 'top_levels', columns, 3, (i, id) => {
        seen.push([i, id]);
        return [id, `Built ${i}`, 0, now, now];
      }),
    );
    expect(seen).toEqual(ids.map((id, i) => [i, id]));
    const stored = await db.selectFrom('top_levels').select(['id', 'name']).where('id', 'in', ids).execute();
    expect(new Map(stored.map((r) => [r.id, r.name]))).toEqual(
      new Map(ids.map((id, i) => [id, `Built ${i}`])),
    );
  });

  it('leaves the sequence ahead of the rows it wrote: ordinary inserts continue after them', async () => {
    const db = get().db;
    const before = await db
      .insertInto('top_levels')
      .values({ name: 'before', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids = await transact(db, (tx) =>
      insertWithIds(tx, 'top_levels', columns, 2, (i, id) => [id, ...row(i ? 'b' : 'a')]),
    );
    expect(Math.min(...ids)).toBeGreaterThan(before.id);
    const after = await db
      .insertInto('top_levels')
      .values({ name: 'after', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(after.id).toBeGreaterThan(Math.max(...ids));
  });

  it('writes nothing when the transaction rolls back', async () => {
    const db = get().db;
    await expect(
      transact(db, async (tx) => {
        await insertWithIds(tx, 'top_levels', columns, 2, (i, id) => [id, ...row(`rolled back ${i + 1}`)]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const left = await db
      .selectFrom('top_levels')
      .select('id')
      .where('name', 'like', 'rolled back%')
      .execute();
    expect(left).toEqual([]);
  });

  it('refuses identifiers that are not plain names and rows of the wrong width', async () => {
    const db = get().db;
    await expect(
      transact(db, (tx) => insertRows(tx, 'top_levels; drop table x', columns, [row('x')])),
    ).rejects.toThrow(/plain identifier/);
    await expect(transact(db, (tx) => insertRows(tx, 'top_levels', columns, [['x', 0]]))).rejects.toThrow(
      /2 values for 4 columns/,
    );
    await expect(
      insertWithIds(db as never, 'top_levels', columns, 1, (_, id) => [id, ...row('x')]),
    ).rejects.toThrow(/inside a transaction/);
  });
});
