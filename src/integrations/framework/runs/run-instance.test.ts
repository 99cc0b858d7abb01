// The runner and reconciler over a real database (both dialects) with a programmable in-memory connector:
// deletion guard + approve/reject, dry run, lease, per-record failures, field mappings, incremental removals,
// and the read generation surviving a resumed full read.
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../db/testing.js';
import type { Services } from '../../../services.js';
import { registerExtraConnector } from '../../registry.js';
import type { ExternalPerson } from '../contract.js';
import { createInstance } from '../instances/create-instance.js';
import type { CreateInstanceInput } from '../instances/input.js';
import { addMapping } from '../mappings/edit-mappings.js';
import { memory, memoryConnector, resetMemory } from '../memory-connector.test-support.js';
import { adminCtx, testServices } from '../testing.js';
import { decideRun } from './approve-run.js';
import { getRun } from './list-runs.js';
import { runInstance } from './run-instance.js';

registerExtraConnector(memoryConnector);
const customers = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => ({ externalId: `c${i + from}`, name: `Customer ${i + from}` }));

describeEachDialect('runInstance', (get) => {
  let services: Services;
  let seq = 0;
  const instance = (o: Partial<CreateInstanceInput> = {}) =>
    createInstance(adminCtx(services), {
      connectorId: 'memory',
      name: `m${++seq}`,
      config: { token: 'tok-secret-123' },
      unmappedPolicy: 'create_customer',
      ...o,
    });
  const run = (
    instanceId: number,
    o: { dryRun?: boolean; entities?: ('customers' | 'licences' | 'users')[] } = {},
  ) =>
    runInstance(services, {
      instanceId,
      trigger: 'manual',
      entities: o.entities ?? ['customers'],
      ...(o.dryRun ? { dryRun: true } : {}),
    });
  const inactiveLinked = async (instanceId: number) =>
    (
      await get()
        .db.selectFrom('external_links')
        .innerJoin('customers', 'customers.id', 'external_links.record_id')
        .select('customers.id')
        .where('external_links.instance_id', '=', instanceId)
        .where('external_links.record_type', '=', 'customer')
        .where('customers.inactive', '=', 1)
        .execute()
    ).length;
  beforeAll(() => {
    services = testServices(get());
  });
  beforeEach(() => resetMemory());

  it('guards a large sweep: needs approval with nothing inactivated; approval skips records seen again', async () => {
    const inst = await instance({ sweepMaxAbsolute: 1 });
    memory.records.customers = customers(4);
    expect((await run(inst.id)).counts.customers).toMatchObject({ created: 4 });
    memory.records.customers = customers(1);
    const guarded = await run(inst.id);
    expect(guarded.status).toBe('needs_approval');
    expect(guarded.counts.customers?.inactivated).toBe(0);
    expect(await inactiveLinked(inst.id)).toBe(0);
    const detail = await getRun(adminCtx(services), guarded.runId);
    expect(detail.pendingSweep?.candidates.map((c) => c.externalId).sort()).toEqual(['c2', 'c3', 'c4']);
    memory.records.customers = customers(2); // c2 is back
    expect((await run(inst.id)).status).toBe('needs_approval');
    const d = await decideRun(adminCtx(services), guarded.runId, 'approved');
    expect(d).toMatchObject({ decision: 'approved', inactivated: 2, skipped: 1 });
    expect(await inactiveLinked(inst.id)).toBe(2);
    await expect(decideRun(adminCtx(services), guarded.runId, 'approved')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('an empty read never sweeps, even under the limits; reject leaves everything', async () => {
    const inst = await instance({ sweepMaxAbsolute: 100, sweepMaxPercent: 100 });
    memory.records.customers = customers(3);
    await run(inst.id);
    memory.records.customers = [];
    const empty = await run(inst.id);
    expect(empty.status).toBe('needs_approval');
    expect(await decideRun(adminCtx(services), empty.runId, 'rejected')).toMatchObject({ inactivated: 0 });
    expect(await inactiveLinked(inst.id)).toBe(0);
  });

  it('a dry run writes nothing and previews the changes', async () => {
    const inst = await instance();
    memory.records.customers = customers(3);
    const dry = await run(inst.id, { dryRun: true });
    expect(dry.status).toBe('succeeded');
    expect(dry.preview?.map((p) => p.action)).toEqual(['create', 'create', 'create']);
    for (const t of ['external_links', 'sync_cursors', 'container_mappings'] as const) {
      expect(
        (await get().db.selectFrom(t).selectAll().where('instance_id', '=', inst.id).execute()).length,
      ).toBe(0);
    }
    await run(inst.id);
    // The name is not mapped for updates by default (the PSA owns it): only the website change shows.
    memory.records.customers = [
      { externalId: 'c1', name: 'Renamed', fields: { website: 'https://c1.test' } },
      ...customers(1, 2),
    ];
    const preview = await run(inst.id, { dryRun: true });
    expect(preview.preview).toEqual([
      {
        entity: 'customers',
        action: 'update',
        externalId: 'c1',
        name: 'Renamed',
        changes: { website: { from: null, to: 'https://c1.test' } },
      },
      { entity: 'customers', action: 'inactivate', externalId: 'c3', name: 'Customer 3' },
    ]);
    expect(
      (await get().db.selectFrom('customers').select('name').where('name', '=', 'Renamed').execute()).length,
    ).toBe(0);
  });

  it('skips a run while another holds the lease, and reclaims an expired lease', async () => {
    const inst = await instance();
    memory.records.customers = customers(1);
    const future = new Date(Date.now() + 60_000).toISOString();
    await get()
      .db.updateTable('integration_instances')
      .set({ running_run_id: 999, lease_expires_at: future, lease_owner: 'elsewhere:1' })
      .where('id', '=', inst.id)
      .execute();
    expect((await run(inst.id)).status).toBe('skipped_already_running');
    await get()
      .db.updateTable('integration_instances')
      .set({ lease_expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', inst.id)
      .execute();
    expect((await run(inst.id)).status).toBe('succeeded');
    const after = await get()
      .db.selectFrom('integration_instances')
      .select(['running_run_id', 'lease_expires_at'])
      .where('id', '=', inst.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ running_run_id: null, lease_expires_at: null });
  });

  it('records per-record failures, counts them, blocks the sweep, and masks secrets in run errors', async () => {
    const inst = await instance();
    memory.records.licences = [{ externalId: 'l1', containerId: 'nowhere', name: 'AV', vendor: 'X' }];
    const r = await run(inst.id, { entities: ['licences'] });
    expect(r.status).toBe('partial');
    expect(r.counts.licences).toMatchObject({ failed: 1, created: 0 });
    const detail = await getRun(adminCtx(services), r.runId);
    expect(detail.recordErrors).toEqual([
      {
        entity: 'licences',
        externalId: 'l1',
        name: 'AV',
        code: 'UNMAPPED_CONTAINER',
        message: expect.stringContaining('nowhere'),
      },
    ]);
    memory.failOnPage = 0;
    const failed = await run(inst.id, { entities: ['licences'] });
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toContain('[redacted]');
    expect(failed.error?.message).not.toContain('tok-secret-123');
  });

  it('writes only the mapped fields', async () => {
    const inst = await instance({ fieldMappings: { users: ['email'] } });
    const c = await get()
      .db.insertInto('customers')
      .values({ name: 'Acme', created_at: 'x', updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const site = await get()
      .db.insertInto('sites')
      .values({ customer_id: c.id, name: 'HQ', created_at: 'x', updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addMapping(adminCtx(services), inst.id, {
      externalId: 'OU=Staff',
      target: { kind: 'site', siteId: site.id },
    });
    const person = (email: string, phone: string): ExternalPerson => ({
      externalId: 'u1',
      containerId: 'OU=Staff',
      disabled: false,
      fields: { name: 'Ann', email, phone },
    });
    memory.records.users = [person('ann@a.test', '111')];
    expect((await run(inst.id, { entities: ['users'] })).counts.users).toMatchObject({ created: 1 });
    memory.records.users = [person('ann@b.test', '222')];
    expect((await run(inst.id, { entities: ['users'] })).counts.users).toMatchObject({ updated: 1 });
    const u = await get()
      .db.selectFrom('end_users')
      .select(['name', 'email', 'phone', 'site_id'])
      .where('customer_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(u).toEqual({ name: 'Ann', email: 'ann@b.test', phone: null, site_id: site.id });
  });

  it('applies removals an incremental read reports, through the guard', async () => {
    const inst = await instance();
    memory.records.customers = customers(3);
    await run(inst.id);
    memory.mode = 'incremental';
    memory.records.customers = [];
    memory.removed = ['c2'];
    const r = await run(inst.id);
    expect(r.status).toBe('succeeded');
    expect(r.counts.customers?.inactivated).toBe(1);
    expect(await inactiveLinked(inst.id)).toBe(1);
  });

  it('a resumed full read keeps its read generation: records seen before the crash are not swept', async () => {
    const inst = await instance();
    memory.records.customers = customers(6);
    await run(inst.id);
    memory.failOnPage = memory.reads + 1; // the next run commits one page, then the source fails
    expect((await run(inst.id)).status).toBe('failed');
    memory.failOnPage = null;
    const resumed = await run(inst.id);
    expect(resumed.status).toBe('succeeded');
    expect(resumed.counts.customers).toMatchObject({ inactivated: 0, unchanged: 4 });
    expect(await inactiveLinked(inst.id)).toBe(0);
  });

  it('an unreadable stored cursor restarts the read instead of failing', async () => {
    const inst = await instance();
    memory.records.customers = customers(2);
    await run(inst.id);
    await get()
      .db.updateTable('sync_cursors')
      .set({ cursor_json: '{"page":"far future"}' })
      .where('instance_id', '=', inst.id)
      .execute();
    const r = await run(inst.id);
    expect(r.status).toBe('succeeded');
    expect(r.counts.customers).toMatchObject({ unchanged: 2, created: 0, inactivated: 0 });
  });
});
