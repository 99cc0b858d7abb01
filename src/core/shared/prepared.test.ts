import { expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import { prepared } from './prepared.js';

describeEachDialect('prepared queries', (get) => {
  it('build once, then run with new parameters in the right order', async () => {
    const { db } = get();
    const find = prepared(
      (d, [lookupid, name]) =>
        d
          .selectFrom('lookups')
          .select(['id', 'name'])
          .where('lookupid', '=', lookupid as number)
          .where('name', '=', name as string),
      2,
    );
    expect(await find(db, [27, 'Medium'])).toEqual([{ id: 2, name: 'Medium' }]);
    expect(await find(db, [28, 'Single user'])).toEqual([{ id: 6, name: 'Single user' }]);
    expect(await find(db, [27, 'Single user'])).toEqual([]);
    await db.transaction().execute(async (tx) => {
      expect(await find(tx, [27, 'High'])).toEqual([{ id: 1, name: 'High' }]);
    });
  });

  it('keeps values written into the builder as constants', async () => {
    const { db } = get();
    const open = prepared(
      (d, [id]) =>
        d
          .selectFrom('statuses')
          .select('id')
          .where('is_closed', '=', 0)
          .where('id', '=', id as number),
      1,
    );
    expect(await open(db, [1])).toEqual([{ id: 1 }]);
    expect(await open(db, [9])).toEqual([]);
  });
});
