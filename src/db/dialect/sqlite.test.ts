// The SQLite connection passes short parameter lists to better-sqlite3 as separate arguments and long ones as
// one array (see MAX_SPREAD in sqlite.ts): both forms must bind the same values, for reads, writes and row
// batches.
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing.js';
import { transact } from '../transaction.js';
import { rowBatchQuery } from './row-batch.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('sqlite', { migrate: false });
  await sql`create table kv (id integer primary key, k text not null, v)`.execute(t.db);
});
afterAll(async () => t.drop());

const allRows = (db: TestDatabase['db']) =>
  db
    .selectFrom('kv' as never)
    .selectAll()
    .orderBy('id' as never);

it('binds a few parameters, including null, numbers and text, in a write and a read', async () => {
  await t.db.executeQuery(CompiledQuery.raw('insert into kv (id, k, v) values (?, ?, ?)', [1, 'one', null]));
  await t.db.executeQuery(CompiledQuery.raw('insert into kv (id, k, v) values (?, ?, ?)', [2, 'two', 2.5]));
  const { rows } = await t.db.executeQuery(
    CompiledQuery.raw('select k, v from kv where id in (?, ?)', [1, 2]),
  );
  expect(rows).toEqual([
    { k: 'one', v: null },
    { k: 'two', v: 2.5 },
  ]);
});

it('binds a parameter list longer than the spread limit (as one array), in a read and a write', async () => {
  const ids = Array.from({ length: 1500 }, (_, i) => 1000 + i);
  const values = ids.map(() => '(?, ?)').join(', ');
  const params = ids.flatMap((id) => [id, `k${id}`]);
  const write = await t.db.executeQuery(CompiledQuery.raw(`insert into kv (id, k) values ${values}`, params));
  expect(write.numAffectedRows).toBe(1500n);
  const marks = ids.map(() => '?').join(', ');
  const { rows } = await t.db.executeQuery<{ id: number; k: string }>(
    CompiledQuery.raw(`select id, k from kv where id in (${marks}) order by id`, ids),
  );
  expect(rows).toHaveLength(1500);
  expect(rows[0]).toEqual({ id: 1000, k: 'k1000' });
  expect(rows[1499]).toEqual({ id: 2499, k: 'k2499' });
});

it('runs a row batch once per row, each with its own values, and counts the changes', async () => {
  const rows = [
    [5001, 'a', 'x'],
    [5002, 'b', null],
    [5003, 'c', 7],
  ];
  const result = await transact(t.db, (tx) =>
    tx.executeQuery(rowBatchQuery('insert into kv (id, k, v) values (?, ?, ?)', rows)),
  );
  expect(result.numAffectedRows).toBe(3n);
  const stored = (await allRows(t.db).execute()) as { id: number; k: string; v: unknown }[];
  expect(stored.filter((r) => r.id > 5000)).toEqual([
    { id: 5001, k: 'a', v: 'x' },
    { id: 5002, k: 'b', v: null },
    { id: 5003, k: 'c', v: 7 },
  ]);
});
