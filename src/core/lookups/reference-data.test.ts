import { expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import { up } from '../../db/migrations/20261121000300_reference_data.js';
import type { Kysely } from 'kysely';

describeEachDialect('reference data migration', (get) => {
  it('seeds Closed as status 9, Internal Note as private outcome 7 and a non-empty lookup-types list', async () => {
    const { db } = get();
    const closed = await db.selectFrom('statuses').selectAll().where('id', '=', 9).executeTakeFirstOrThrow();
    expect(closed).toMatchObject({ name: 'Closed', is_closed: 1 });
    const note = await db.selectFrom('outcomes').selectAll().where('id', '=', 7).executeTakeFirstOrThrow();
    expect(note).toMatchObject({ name: 'Internal Note', is_private: 1 });
    const types = await db.selectFrom('lookups').selectAll().where('lookupid', '=', 11).execute();
    expect(types.map((t) => t.name)).toEqual(expect.arrayContaining(['Urgency', 'Impact']));
    const priorities = await db.selectFrom('priorities').select(['id', 'sla_id']).orderBy('id').execute();
    expect(priorities).toEqual([1, 2, 3, 4].map((id) => ({ id, sla_id: 1 })));
    const types2 = await db.selectFrom('ticket_types').select('name').execute();
    expect(types2.map((t) => t.name)).toEqual(
      expect.arrayContaining(['Incident', 'Service Request', 'Onboarding', 'Alert']),
    );
    const assetTypes = await db.selectFrom('asset_types').select('name').execute();
    expect(assetTypes.map((t) => t.name)).toEqual(
      expect.arrayContaining(['Workstation', 'Server', 'Laptop', 'Firewall']),
    );
  });

  it('is safe to run again and leaves sequences past the explicit ids', async () => {
    const { db } = get();
    const before = await db.selectFrom('statuses').select('id').execute();
    await up(db as unknown as Kysely<unknown>);
    const after = await db.selectFrom('statuses').select('id').execute();
    expect(after.length).toBe(before.length);
    const now = new Date().toISOString();
    const added = await db
      .insertInto('statuses')
      .values({ name: 'Escalated', shortname: null, colour: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(added.id).toBeGreaterThan(9);
    const lookup = await db
      .insertInto('lookups')
      .values({ lookupid: 99, name: 'x', value_int: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(lookup.id).toBeGreaterThan(28);
  });
});
