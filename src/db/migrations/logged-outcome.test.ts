import { expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { describeEachDialect } from '../testing.js';
import { up } from './20261121000900_logged_outcome.js';

describeEachDialect('logged outcome migration', (get) => {
  const logged = () =>
    get()
      .db.selectFrom('outcomes')
      .select(['id', 'name'])
      .where('name', 'in', ['Logged', 'logged'])
      .execute();

  it('adds "Logged" once, after the built-in outcomes, and never a second one', async () => {
    const first = await logged();
    expect(first).toHaveLength(1);
    expect(first[0]?.id).toBeGreaterThan(8);
    await up(get().db as unknown as Kysely<unknown>);
    expect(await logged()).toEqual(first);
  });

  it('leaves an outcome of that name alone whatever its case', async () => {
    const db = get().db;
    await db.updateTable('outcomes').set({ name: 'logged' }).where('name', '=', 'Logged').execute();
    await up(db as unknown as Kysely<unknown>);
    const rows = await logged();
    expect(rows.map((r) => r.name)).toEqual(['logged']);
  });
});
