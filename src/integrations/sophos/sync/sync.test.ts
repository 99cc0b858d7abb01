// The customers and licences reads against the fake: pages, cursors that only move on a complete read,
// licences only for mapped tenants (or all, when unmapped tenants become customers), a refused tenant.
import { describe, expect, it } from 'vitest';
import { useFakes } from '../../../../test/fakes/sophos/test-client.js';
import type { SyncPage } from '../../framework/contract.js';
import { fakeSophosConfig, mapTo, testContext } from '../testing.js';
import { customersSync } from './customers.js';
import { NO_CURSOR, type SophosCursor } from './cursor.js';
import { licencesSync } from './licences.js';

const startFake = useFakes();

async function collect<R>(
  pages: AsyncIterable<SyncPage<R, SophosCursor>>,
  out: SyncPage<R, SophosCursor>[] = [],
) {
  for await (const p of pages) out.push(p);
  return out;
}

const previous: SophosCursor = { lastComplete: { tenants: 1, skippedWithoutApiHost: 0, records: 1 } };

describe('Sophos customers read', () => {
  it('is a full read whose cursor moves only on the last page', async () => {
    const fake = await startFake({ tenants: 237, licencesPerTenant: 0, tenantsWithoutApiHost: 2 });
    const ctx = testContext(fakeSophosConfig(fake));
    const stream = await customersSync.read(ctx, previous);
    expect(stream.mode).toBe('full');
    const pages = await collect(stream.pages);
    expect(pages.map((p) => p.records.length)).toEqual([100, 100, 35]);
    expect(pages.map((p) => p.cursor)).toEqual([
      previous,
      previous,
      { lastComplete: { tenants: 235, skippedWithoutApiHost: 2, records: 235 } },
    ]);
    expect(pages[0]!.records[0]).toEqual({
      externalId: fake.state.tenants[0]!.id,
      name: fake.state.tenants[0]!.showAs,
    });
    expect(ctx.progressCalls.at(-1)).toEqual({ entity: 'customers', done: 235, total: 235 });
  });

  it('a 500 mid-paging ends the read with an error after pages that kept the old cursor', async () => {
    const fake = await startFake({ tenants: 250, licencesPerTenant: 0 });
    fake.inject({ route: 'partner.tenants', page: 3, action: { type: 'status', status: 500 } });
    const pages: SyncPage<unknown, SophosCursor>[] = [];
    const stream = await customersSync.read(testContext(fakeSophosConfig(fake)), undefined);
    await expect(collect(stream.pages, pages)).rejects.toMatchObject({ kind: 'transient' });
    expect(pages).toHaveLength(2);
    expect(pages.every((p) => p.cursor === NO_CURSOR)).toBe(true);
  });
});

describe('Sophos licences read', () => {
  it('reads licences only of mapped tenants, with X-Tenant-ID, attached to their tenant', async () => {
    const fake = await startFake({ tenants: 120, licencesPerTenant: 5 });
    const chosen = [fake.state.tenants[3]!, fake.state.tenants[110]!];
    const ctx = testContext(fakeSophosConfig(fake), {
      mappings: chosen.map((t, i) => mapTo(t.id.toUpperCase(), i + 1)),
    });
    const pages = await collect((await licencesSync.read(ctx, undefined)).pages);
    const records = pages.flatMap((p) => p.records);
    expect(records).toHaveLength(10);
    expect(new Set(records.map((r) => r.containerId))).toEqual(new Set(chosen.map((t) => t.id)));
    expect(records.map((r) => r.externalId).sort()).toEqual(
      chosen.flatMap((t) => fake.state.licencesOf(t.id).map((l) => l.id)).sort(),
    );
    expect(fake.stats.requests.licenses).toBe(2);
    expect(pages.at(-1)!.cursor).toEqual({
      lastComplete: { tenants: 2, skippedWithoutApiHost: 0, records: 10 },
    });
  });

  it('reads every mapped, readable tenant concurrently within the instance limit', async () => {
    const fake = await startFake({
      tenants: 60,
      licencesPerTenant: 2,
      tenantsWithoutApiHost: 1,
      latencyMs: 5,
    });
    const ctx = testContext(fakeSophosConfig(fake, 'partner', { concurrency: 4 }), {
      mappings: fake.state.tenants.map((t, i) => mapTo(t.id, i + 1)),
    });
    const records = (await collect((await licencesSync.read(ctx, undefined)).pages)).flatMap(
      (p) => p.records,
    );
    expect(records).toHaveLength(118);
    expect(fake.stats.requests.licenses).toBe(59);
    expect(fake.stats.maxInFlight).toBe(4);
  });

  it('a tenant that refuses (403) does not stop the others, but the read fails at the end without moving the cursor', async () => {
    const fake = await startFake({ tenants: 10, licencesPerTenant: 1 });
    const refusing = fake.state.tenants[4]!;
    fake.inject({ route: 'licenses', tenantId: refusing.id, action: { type: 'status', status: 403 } });
    const ctx = testContext(fakeSophosConfig(fake), {
      mappings: fake.state.tenants.map((t, i) => mapTo(t.id, i + 1)),
    });
    const pages: SyncPage<unknown, SophosCursor>[] = [];
    await expect(collect((await licencesSync.read(ctx, previous)).pages, pages)).rejects.toMatchObject({
      code: 'SOPHOS_LICENCES_REFUSED',
      kind: 'vendor',
    });
    expect(pages.flatMap((p) => p.records)).toHaveLength(9);
    expect(pages.at(-1)!.cursor).toBe(previous);
  });
});
