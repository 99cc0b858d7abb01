// listCustomers on both dialects, including SQLite's trigram path: it must return exactly what a plain
// substring match returns (sparse and dense result sets, paging totals), and follow renames and
// (de)activation through the triggers.
import { beforeAll, expect, it } from 'vitest';
import { testCtx } from '../../auth/testing.js';
import { describeEachDialect } from '../../db/testing.js';
import type { Ctx } from '../context.js';
import { pageWindow } from '../shared/list.js';
import { createCustomer } from './create-customer.js';
import { deleteCustomer } from './delete-customer.js';
import { listCustomers } from './list-customers.js';
import { SPARSE_MATCHES } from './search-index.js';
import { updateCustomer } from './update-customer.js';

describeEachDialect('listCustomers search', (get) => {
  let ctx: Ctx;
  const names: string[] = [];
  beforeAll(async () => {
    ctx = testCtx(get().db);
    // "Dense" matches more than SPARSE_MATCHES names (the name-index path), "Sparse" a few (the match path).
    const total = SPARSE_MATCHES + 400;
    for (let i = 0; i < total; i++)
      names.push(i % 7 === 0 ? `Sparse Holdings ${i}` : `Dense Systems ${String(i).padStart(5, '0')}`);
    names.push('50%_Off "Quoted" Ltd', 'Müller GmbH', 'zeta dense-ish');
    const now = new Date().toISOString();
    for (let i = 0; i < names.length; i += 500) {
      await get()
        .db.insertInto('customers')
        .values(names.slice(i, i + 500).map((name) => ({ name, created_at: now, updated_at: now })))
        .execute();
    }
  });

  const expected = (term: string) => names.filter((n) => n.toLowerCase().includes(term.toLowerCase())).sort();

  it.each(['dense', 'SPARSE hold', 'systems 0001', '50%_', '"quoted"', 'zeta', 'no such name'])(
    'matches exactly what a substring match does: %s',
    async (term) => {
      const want = expected(term);
      const all = await listCustomers(ctx, { search: term });
      expect(all.items.map((c) => c.name).sort()).toEqual(want);
      const page = await listCustomers(ctx, { search: term, window: pageWindow(2, 25) });
      expect(page.total).toBe(want.length > 25 ? want.length : 0);
      if (want.length > 25) expect(page.items.map((c) => c.name)).toEqual([...want].sort().slice(25, 50));
    },
  );

  it('follows renames, deactivation and reactivation', async () => {
    const c = await createCustomer(ctx, { name: 'Trigger Test Alpha' });
    expect((await listCustomers(ctx, { search: 'trigger test' })).total).toBe(1);
    await updateCustomer(ctx, { id: c.id, name: 'Renamed Beta' });
    expect((await listCustomers(ctx, { search: 'trigger test' })).total).toBe(0);
    expect((await listCustomers(ctx, { search: 'renamed beta' })).items.map((x) => x.id)).toEqual([c.id]);
    await deleteCustomer(ctx, c.id);
    expect((await listCustomers(ctx, { search: 'renamed beta' })).total).toBe(0);
    const withInactive = await listCustomers(ctx, {
      search: 'renamed beta',
      activity: { active: true, inactive: true },
    });
    expect(withInactive.items.map((x) => x.id)).toEqual([c.id]);
    await updateCustomer(ctx, { id: c.id, inactive: false });
    expect((await listCustomers(ctx, { search: 'renamed beta' })).total).toBe(1);
  });

  it('counts the total of a full page from the index and of a filtered search from the table', async () => {
    const want = expected('dense').length;
    const first = await listCustomers(ctx, { search: 'dense', window: pageWindow(1, 10) });
    expect(first.total).toBe(want);
    const byIds = await listCustomers(ctx, {
      search: 'dense',
      ids: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      window: pageWindow(1, 5),
    });
    expect(byIds.total).toBe(names.slice(0, 12).filter((n) => n.toLowerCase().includes('dense')).length);
  });
});
