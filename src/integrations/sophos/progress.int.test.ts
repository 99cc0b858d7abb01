// Live progress through the runner against the fake Sophos Central: while the import runs, the run row holds
// {entity, done, total} (the tenant total from pageTotal), so the console can draw a determinate bar.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeSophos, type FakeSophos } from '../../../test/fakes/sophos/index.js';
import { describeEachDialect } from '../../db/testing.js';
import { createTopLevel } from '../../core/toplevels/save-top-level.js';
import type { Services } from '../../services.js';
import { createInstance, runInstance } from '../framework/index.js';
import { adminCtx, testServices } from '../framework/testing.js';
import { fakeSophosConfigInput } from './testing.js';

const TENANTS = 24;

describeEachDialect('Sophos: live run progress', (get) => {
  let fake: FakeSophos;
  let services: Services;

  beforeAll(async () => {
    fake = await startFakeSophos({ tenants: TENANTS, licencesPerTenant: 1, seed: 3 });
    services = testServices(get());
  });
  afterAll(async () => {
    await fake.close();
  });

  it('records {entity, done, total} on the run row as pages commit', async () => {
    const ctx = adminCtx(services);
    const topLevelId = (await createTopLevel(ctx, { name: 'Progress' })).id;
    const instanceId = (
      await createInstance(ctx, {
        connectorId: 'sophos',
        name: 'Sophos progress',
        config: fakeSophosConfigInput(fake, 'partner', { pageSize: 4 }),
        unmappedPolicy: 'create_customer',
        createUnderToplevelId: topLevelId,
      })
    ).id;
    const total = fake.state.tenants.filter((t) => t.apiHostMode === 'region').length;
    fake.controls.latencyMs = 150;
    let runId = 0;
    const seen: unknown[] = [];
    const running = runInstance(services, {
      instanceId,
      entities: ['customers'],
      trigger: 'manual',
      onRunCreated: (id) => (runId = id),
    });
    let finished = false;
    void running.finally(() => (finished = true));
    while (!finished) {
      if (runId) {
        const row = await services.db
          .selectFrom('integration_runs')
          .select('progress_json')
          .where('id', '=', runId)
          .executeTakeFirst();
        if (row?.progress_json) seen.push(JSON.parse(row.progress_json));
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    fake.controls.latencyMs = 0;
    const out = await running;
    expect(out.status).toBe('succeeded');
    // The first page is written at once, with the total the vendor reported.
    expect(seen[0]).toEqual({ entity: 'customers', done: 4, total });
    const partial = seen.filter(
      (p): p is { done: number; total: number } =>
        typeof p === 'object' && p !== null && (p as { done: number }).done < total,
    );
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every((p) => p.total === total)).toBe(true);
    // Finished runs carry no progress (their counts say it all).
    const done = await services.db
      .selectFrom('integration_runs')
      .select('progress_json')
      .where('id', '=', out.runId)
      .executeTakeFirstOrThrow();
    expect(done.progress_json).toBeNull();
  });
});
