// End to end through the real runner on SQLite and PostgreSQL, against the fake Sophos Central:
// Generate Mappings (exact names, review list), import customers with "create under top level",
// import licences, rerun unchanged, a removed licence expires, a 500 mid-paging changes nothing, and a
// mass disappearance of tenants trips the deletion guard with nothing inactivated.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeSophos, type FakeSophos } from '../../../test/fakes/sophos/index.js';
import { describeEachDialect } from '../../db/testing.js';
import { createCustomer } from '../../core/customers/create-customer.js';
import { createTopLevel } from '../../core/toplevels/save-top-level.js';
import type { Services } from '../../services.js';
import {
  addMapping,
  createInstance,
  generateMappings,
  listMappings,
  runInstance,
  updateInstance,
  type IntegrationCtx,
} from '../framework/index.js';
import { adminCtx, testServices } from '../framework/testing.js';
import { fakeSophosConfigInput } from './testing.js';

const TENANTS = 30;
const LICENCES_PER_TENANT = 3;

/** "Contoso Legal Ltd" → "  CONTOSO LEGAL LTD " — same name for an exact, case- and space-insensitive match. */
const variant = (name: string, i: number) => (i % 2 === 0 ? name.toUpperCase() : `  ${name.toLowerCase()} `);

describeEachDialect('Sophos import through the runner', (get) => {
  let fake: FakeSophos;
  let services: Services;
  let ctx: IntegrationCtx;
  let instanceId = 0;
  let topLevelId = 0;
  const premapped = new Map<string, number>(); // tenant id → PSA customer id

  beforeAll(async () => {
    fake = await startFakeSophos({ tenants: TENANTS, licencesPerTenant: LICENCES_PER_TENANT, seed: 7 });
    services = testServices(get());
    ctx = adminCtx(services);
  });
  afterAll(async () => {
    await fake.close();
  });

  const run = (entities: ('customers' | 'licences')[]) =>
    runInstance(services, { instanceId, entities, trigger: 'manual' });
  const db = () => services.db;
  const namesBefore = new Map<number, string>();
  const nameOf = async (id: number) =>
    (await db().selectFrom('customers').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
  const activeCustomers = async () =>
    (await db().selectFrom('customers').select('id').where('inactive', '=', 0).execute()).length;

  it('generates mappings: exact names mapped, a name matching two customers to the review list, the rest unmapped', async () => {
    const tenants = fake.state.tenants;
    for (let i = 0; i < 10; i++) {
      const c = await createCustomer(ctx, { name: variant(tenants[i]!.name, i) });
      premapped.set(tenants[i]!.id, c.id);
    }
    await createCustomer(ctx, { name: tenants[10]!.name });
    await createCustomer(ctx, { name: tenants[10]!.name.toLowerCase() });
    await createCustomer(ctx, { name: 'Unrelated Bakery Ltd' });
    topLevelId = (await createTopLevel(ctx, { name: 'Sophos imports' })).id;
    const instance = await createInstance(ctx, {
      connectorId: 'sophos',
      name: 'Sophos Central',
      config: fakeSophosConfigInput(fake, 'partner', { pageSize: 10, concurrency: 4 }),
      unmappedPolicy: 'create_customer',
      createUnderToplevelId: topLevelId,
      sweepMaxAbsolute: 5,
      sweepMaxPercent: 20,
    });
    instanceId = instance.id;

    expect(await generateMappings(ctx, instanceId)).toMatchObject({
      mapped: 10,
      ambiguous: 1,
      unmatched: TENANTS - 11,
    });
    const mapped = await listMappings(ctx, instanceId, { status: 'mapped' });
    expect(new Map(mapped.map((m) => [m.externalId, m.customerId]))).toEqual(premapped);
    const review = await listMappings(ctx, instanceId, { status: 'ambiguous' });
    expect(review.map((m) => [m.externalId, m.candidates.length])).toEqual([[tenants[10]!.id, 2]]);

    // The admin resolves the review item with "Add": the first candidate.
    await addMapping(ctx, instanceId, {
      externalId: tenants[10]!.id,
      target: { kind: 'customer', customerId: review[0]!.candidates[0]! },
    });
    premapped.set(tenants[10]!.id, review[0]!.candidates[0]!);
  });

  it('imports customers: mapped tenants update their customer, unmapped ones are created under the top level', async () => {
    for (const customerId of premapped.values()) namesBefore.set(customerId, await nameOf(customerId));
    const out = await run(['customers']);
    expect(out).toMatchObject({ status: 'succeeded' });
    const c = out.counts.customers!;
    expect(c.created).toBe(TENANTS - 11);
    expect(c.created + c.updated + c.unchanged).toBe(TENANTS);
    expect(c.failed).toBe(0);
    const created = await db()
      .selectFrom('customers')
      .select(['name', 'toplevel_id'])
      .where('toplevel_id', '=', topLevelId)
      .execute();
    expect(created.map((r) => r.name).sort()).toEqual(
      fake.state.tenants
        .slice(11)
        .map((t) => t.showAs)
        .sort(),
    );
    // Mapped customers keep their ids AND their PSA names (the name is not mapped for updates by default).
    for (const customerId of premapped.values())
      expect(await nameOf(customerId)).toBe(namesBefore.get(customerId));
  });

  it('renames mapped customers only once the admin maps the customer name field', async () => {
    const differing = [...premapped].filter(
      ([tenantId, customerId]) => namesBefore.get(customerId) !== fake.state.tenant(tenantId)!.showAs,
    );
    expect(differing.length).toBeGreaterThan(5);
    await updateInstance(ctx, instanceId, { fieldMappings: { customers: ['name', 'website', 'notes'] } });
    const out = await run(['customers']);
    expect(out.status).toBe('succeeded');
    expect(out.counts.customers).toMatchObject({ updated: differing.length, created: 0 });
    for (const [tenantId, customerId] of premapped)
      expect(await nameOf(customerId)).toBe(fake.state.tenant(tenantId)!.showAs);
  });

  it('imports licences onto the customer of their tenant', async () => {
    const out = await run(['licences']);
    expect(out).toMatchObject({ status: 'succeeded' });
    expect(out.counts.licences).toMatchObject({ created: TENANTS * LICENCES_PER_TENANT, failed: 0 });
    const links = await db()
      .selectFrom('container_mappings')
      .select(['external_id', 'customer_id'])
      .where('instance_id', '=', instanceId)
      .where('status', '=', 'mapped')
      .execute();
    const customerOf = new Map(links.map((l) => [l.external_id, l.customer_id]));
    for (const t of fake.state.tenants.slice(0, 12)) {
      const rows = await db()
        .selectFrom('licences')
        .select(['product_code', 'quantity', 'vendor'])
        .where('customer_id', '=', customerOf.get(t.id)!)
        .execute();
      expect(rows.map((r) => r.product_code).sort()).toEqual(
        fake.state
          .licencesOf(t.id)
          .map((l) => l.product.code)
          .sort(),
      );
      expect(rows.every((r) => r.vendor === 'Sophos')).toBe(true);
    }
  });

  it('a rerun changes nothing', async () => {
    const out = await run(['customers', 'licences']);
    expect(out.status).toBe('succeeded');
    expect(out.counts.customers).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: TENANTS,
      inactivated: 0,
    });
    expect(out.counts.licences).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: TENANTS * LICENCES_PER_TENANT,
      inactivated: 0,
    });
  });

  it('a licence no longer reported is marked expired, not deleted', async () => {
    const tenant = fake.state.tenants[3]!;
    const gone = fake.state.licencesOf(tenant.id)[0]!;
    fake.state.removeLicence(tenant.id, gone.id);
    const out = await run(['licences']);
    expect(out.status).toBe('succeeded');
    expect(out.counts.licences).toMatchObject({ inactivated: 1, created: 0 });
    const link = await db()
      .selectFrom('external_links')
      .select('record_id')
      .where('instance_id', '=', instanceId)
      .where('record_type', '=', 'licence')
      .where('external_id', '=', gone.id)
      .executeTakeFirstOrThrow();
    const row = await db()
      .selectFrom('licences')
      .select('status')
      .where('id', '=', link.record_id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('expired');
    expect(await db().selectFrom('licences').select('id').execute()).toHaveLength(
      TENANTS * LICENCES_PER_TENANT,
    );
  });

  it('many tenants disappearing trips the deletion guard: needs approval, nothing inactivated', async () => {
    for (const t of fake.state.tenants.slice(0, 10)) fake.state.removeTenant(t.id);
    const before = await activeCustomers();
    const out = await run(['customers']);
    expect(out.status).toBe('needs_approval');
    expect(out.counts.customers).toMatchObject({ inactivated: 0 });
    expect(await activeCustomers()).toBe(before);
    const runRow = await db()
      .selectFrom('integration_runs')
      .select(['status', 'pending_sweep_json'])
      .where('id', '=', out.runId)
      .executeTakeFirstOrThrow();
    expect(runRow.status).toBe('needs_approval');
    const pending = JSON.parse(runRow.pending_sweep_json ?? '{}') as { candidates?: { entity: string }[] };
    expect(pending.candidates?.filter((c) => c.entity === 'customers')).toHaveLength(10);
  });
  it('a 500 mid-paging fails the run: nothing swept, no cursor advanced', async () => {
    fake.state.removeTenant(fake.state.tenants[15]!.id); // would be swept by a complete read
    const cursorsBefore = await db()
      .selectFrom('sync_cursors')
      .select(['entity', 'cursor_json'])
      .where('instance_id', '=', instanceId)
      .orderBy('entity')
      .execute();
    const before = await activeCustomers();
    const fault = fake.inject({ route: 'partner.tenants', page: 2, action: { type: 'status', status: 500 } });
    const out = await run(['customers']);
    expect(fault.fired).toBe(1);
    expect(out.status).toBe('failed');
    expect(out.error).toMatchObject({ kind: 'transient' });
    expect(await activeCustomers()).toBe(before);
    const cursorsAfter = await db()
      .selectFrom('sync_cursors')
      .select(['entity', 'cursor_json'])
      .where('instance_id', '=', instanceId)
      .orderBy('entity')
      .execute();
    expect(cursorsAfter).toEqual(cursorsBefore);
  });
});
