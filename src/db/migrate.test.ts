import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDialect } from './testing.js';
import { migrateToLatest } from './migrate.js';
import { transact } from './transaction.js';

describeEachDialect('migrations', (get) => {
  it('are applied once and re-running them is a no-op', async () => {
    const { db } = get();
    const again = await migrateToLatest(db);
    expect(again).toEqual([]);
  });

  it('give a working schema: insert and read back a customer in a transaction', async () => {
    const { db } = get();
    const now = new Date().toISOString();
    const row = await transact(db, (tx) =>
      tx
        .insertInto('customers')
        .values({
          name: 'Contoso',
          toplevel_id: null,
          website: null,
          notes: null,
          main_site_id: null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    expect(row.id).toBeGreaterThan(0);
    expect(row.inactive).toBe(0);
    const { count } = await db
      .selectFrom('customers')
      .select(sql<number>`count(*)`.as('count'))
      .executeTakeFirstOrThrow();
    expect(count).toBe(1);
  });

  it('enforce the external link identity (instance, type, external id) as unique', async () => {
    const { db } = get();
    const now = new Date().toISOString();
    const link = {
      instance_id: 1,
      record_type: 'customer' as const,
      record_id: 1,
      external_id: 'abc',
      external_name: null,
      last_seen_at: now,
      last_seen_run_id: null,
      content_hash: null,
      created_at: now,
      updated_at: now,
    };
    await db.insertInto('external_links').values(link).execute();
    await expect(db.insertInto('external_links').values(link).execute()).rejects.toThrow();
  });
});
