// A tenant whose name matches two customers lands on the review list; with the "create customer" policy the
// run must NOT create a third customer for it: it is skipped (not failed) with a note until the admin maps it.
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
  getRun,
  runInstance,
  type IntegrationCtx,
} from '../framework/index.js';
import { adminCtx, testServices } from '../framework/testing.js';
import { fakeSophosConfigInput } from './testing.js';

const TENANTS = 6;

describeEachDialect('Sophos: a tenant on the review list', (get) => {
  let fake: FakeSophos;
  let services: Services;
  let ctx: IntegrationCtx;
  let instanceId = 0;
  const twins: number[] = [];

  beforeAll(async () => {
    fake = await startFakeSophos({ tenants: TENANTS, licencesPerTenant: 1, seed: 11 });
    services = testServices(get());
    ctx = adminCtx(services);
  });
  afterAll(async () => {
    await fake.close();
  });

  const customersNamed = async (name: string) =>
    (await services.db.selectFrom('customers').select(['id', 'name']).execute()).filter(
      (c) => c.name.trim().toLowerCase() === name.trim().toLowerCase(),
    );

  it('is skipped with a note, not created as a third customer, and imported once the admin maps it', async () => {
    const tenant = fake.state.tenants[0]!;
    twins.push((await createCustomer(ctx, { name: tenant.name })).id);
    twins.push((await createCustomer(ctx, { name: tenant.name.toUpperCase() })).id);
    const topLevelId = (await createTopLevel(ctx, { name: 'Sophos review' })).id;
    instanceId = (
      await createInstance(ctx, {
        connectorId: 'sophos',
        name: 'Sophos review',
        config: fakeSophosConfigInput(fake, 'partner', { pageSize: 4 }),
        unmappedPolicy: 'create_customer',
        createUnderToplevelId: topLevelId,
      })
    ).id;
    expect(await generateMappings(ctx, instanceId)).toMatchObject({ ambiguous: 1 });

    const out = await runInstance(services, { instanceId, entities: ['customers'], trigger: 'manual' });
    expect(out.status).toBe('succeeded');
    expect(out.counts.customers).toMatchObject({ created: TENANTS - 1, skipped: 1, failed: 0 });
    expect((await customersNamed(tenant.name)).map((c) => c.id).sort()).toEqual([...twins].sort());
    const detail = await getRun(ctx, out.runId);
    expect(detail.recordErrors).toEqual([
      expect.objectContaining({
        entity: 'customers',
        externalId: tenant.id,
        code: 'SKIPPED_NEEDS_REVIEW',
        message: expect.stringContaining('review list') as unknown,
      }),
    ]);
    // Its licences are not imported either (the tenant is not mapped), and nothing fails.
    const lic = await runInstance(services, { instanceId, entities: ['licences'], trigger: 'manual' });
    expect(lic.counts.licences).toMatchObject({ failed: 0 });
    const onTwins = await services.db
      .selectFrom('licences')
      .select('id')
      .where('customer_id', 'in', twins)
      .execute();
    expect(onTwins).toEqual([]);

    // A second run still skips it.
    const again = await runInstance(services, { instanceId, entities: ['customers'], trigger: 'manual' });
    expect(again.counts.customers).toMatchObject({ created: 0, skipped: 1, failed: 0 });

    // The admin resolves it: the tenant now updates the chosen customer, still no third one.
    await addMapping(ctx, instanceId, {
      externalId: tenant.id,
      target: { kind: 'customer', customerId: twins[1]! },
    });
    const resolved = await runInstance(services, { instanceId, entities: ['customers'], trigger: 'manual' });
    expect(resolved.counts.customers).toMatchObject({ created: 0, skipped: 0, failed: 0 });
    expect(await customersNamed(tenant.name)).toHaveLength(2);
    const link = await services.db
      .selectFrom('external_links')
      .select('record_id')
      .where('instance_id', '=', instanceId)
      .where('record_type', '=', 'customer')
      .where('external_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    expect(link.record_id).toBe(twins[1]);
  });
});
