// A write batch is one transaction. When the database asks for a retry in the middle of one (SQLITE_BUSY, a
// PostgreSQL deadlock), transact() runs the batch again: every record of it must be applied again and counted
// once. Records of a rolled-back attempt that were not applied again would be silently missing (and a full
// read's sweep would then inactivate their users).
import { beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { describeEachDialect } from '../../../db/testing.js';
import type { Services } from '../../../services.js';
import { registerExtraConnector } from '../../registry.js';
import { createInstance } from '../instances/create-instance.js';
import { addMapping } from '../mappings/edit-mappings.js';
import { memory, memoryConnector, resetMemory } from '../memory-connector.test-support.js';
import { runInstance } from '../runs/run-instance.js';
import { adminCtx, customerWithSite, testServices } from '../testing.js';

const fault = vi.hoisted(() => ({ failOnCall: 0, calls: 0, sizes: [] as number[] }));

vi.mock('./apply-page.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./apply-page.js')>();
  return {
    ...original,
    applyPage: async (...args: Parameters<typeof original.applyPage>) => {
      fault.calls++;
      fault.sizes.push(args[1].length);
      await original.applyPage(...args);
      // After the page's writes, as a statement later in the transaction would fail.
      if (fault.calls === fault.failOnCall)
        throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    },
  };
});

registerExtraConnector(memoryConnector);

describeEachDialect('reconciler: a write batch retried by the database', (get) => {
  let services: Services;
  beforeAll(() => {
    services = testServices(get());
  });
  beforeEach(() => {
    resetMemory();
    fault.calls = 0;
    fault.sizes = [];
    fault.failOnCall = 0;
  });

  it('applies the whole batch again, so every record is written once and counted once', async () => {
    const ctx = adminCtx(services);
    const inst = await createInstance(ctx, {
      connectorId: 'memory',
      name: 'retried batch',
      config: { token: 'tok' },
    });
    const db = get().db;
    const { customerId, siteId } = await customerWithSite(db, 'Retry Co');
    await addMapping(ctx, inst.id, { externalId: 'OU=Retry', target: { kind: 'site', siteId } });
    memory.pageSize = 10;
    memory.records.users = Array.from({ length: 35 }, (_, i) => ({
      externalId: `r${i}`,
      containerId: 'OU=Retry',
      disabled: false,
      fields: { name: `Person ${i}`, email: `p${i}@retry.test` },
    }));
    // The first page is a batch by itself (writing starts at once); the other three arrive together and form
    // the second batch, whose transaction fails once, after the writes.
    fault.failOnCall = 2;

    const run = await runInstance(services, { instanceId: inst.id, trigger: 'manual', entities: ['users'] });

    expect(run.status).toBe('succeeded');
    expect(run.counts.users).toMatchObject({ created: 35, updated: 0, failed: 0, inactivated: 0 });
    // The first batch, the second, then the second again in the retried transaction.
    expect(fault.sizes).toEqual([10, 25, 25]);
    const users = await db
      .selectFrom('end_users')
      .select('name')
      .where('customer_id', '=', customerId)
      .execute();
    expect(users.map((u) => u.name).sort()).toEqual(
      Array.from({ length: 35 }, (_, i) => `Person ${i}`).sort(),
    );
    const links = await db
      .selectFrom('external_links')
      .select('external_id')
      .where('instance_id', '=', inst.id)
      .execute();
    expect(links).toHaveLength(35);

    // And the next full read finds everyone: nothing was skipped, nothing is swept.
    const again = await runInstance(services, {
      instanceId: inst.id,
      trigger: 'manual',
      entities: ['users'],
    });
    expect(again.counts.users).toMatchObject({ created: 0, unchanged: 35, inactivated: 0 });
  });
});
