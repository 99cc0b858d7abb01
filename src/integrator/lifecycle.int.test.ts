// Embedded queue behaviour: retries of transient failures with backoff, and graceful shutdown
// (finish within the grace period, else abort through the run's signal).
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../db/testing.js';
import { startIntegrator, type IntegratorHandle } from './integrator.js';
import { insertInstance, testServices } from './test-support/seed.js';
import { scriptedRunner } from './test-support/scripted-runner.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDialect('integrator lifecycle (embedded queue)', (get) => {
  let integrator: IntegratorHandle | undefined;
  afterEach(async () => {
    await integrator?.stop(1000);
    integrator = undefined;
    await get().db.updateTable('integration_instances').set({ enabled: 0 }).execute();
  });
  const start = async (runner: ReturnType<typeof scriptedRunner>, settings = {}) => {
    const services = testServices(get());
    integrator = await startIntegrator(
      { ...services, dialect: 'sqlite' },
      {
        runInstance: runner.run,
        settings: { reloadMs: 300, retryDelaySeconds: 1, retryLimit: 3, ...settings },
      },
    );
    return integrator;
  };

  it('retries transient and rate-limited failures with doubling delays; not config failures', async () => {
    const { db } = get();
    const transient = await insertInstance(db, { schedule: '0 0 1 1 *' });
    const config = await insertInstance(db, { schedule: '0 0 1 1 *' });
    const runner = scriptedRunner(db);
    runner.script(
      transient,
      { status: 'failed', error: { code: 'HTTP_503', kind: 'transient', message: 'later' } },
      { status: 'failed', error: { code: 'HTTP_429', kind: 'rate_limited', message: 'slow' } },
    );
    runner.script(config, {
      status: 'failed',
      error: { code: 'NO_TENANT', kind: 'config', message: 'missing' },
    });
    const handle = await start(runner);
    expect(await handle.queue.enqueue({ instanceId: transient, trigger: 'manual' })).toBe('enqueued');
    expect(await handle.queue.enqueue({ instanceId: config, trigger: 'manual' })).toBe('enqueued');
    // While the retry waits, the instance counts as busy: a tick now would be skipped.
    await sleep(300);
    expect(await handle.queue.enqueue({ instanceId: transient, trigger: 'schedule' })).toBe('busy');
    await sleep(4000);
    const calls = runner.calls.filter((c) => c.instanceId === transient);
    expect(calls).toHaveLength(3);
    expect((calls[1]?.startedAt ?? 0) - (calls[0]?.endedAt ?? 0)).toBeGreaterThanOrEqual(950);
    expect((calls[2]?.startedAt ?? 0) - (calls[1]?.endedAt ?? 0)).toBeGreaterThanOrEqual(1950);
    expect(runner.calls.filter((c) => c.instanceId === config)).toHaveLength(1);
  });

  it('on stop, lets a run finish within the grace period', async () => {
    const { db } = get();
    const id = await insertInstance(db, { schedule: '* * * * * *' });
    const runner = scriptedRunner(db);
    runner.script(id, { status: 'succeeded', delayMs: 800 });
    const handle = await start(runner);
    while (!runner.calls.some((c) => c.instanceId === id)) await sleep(50);
    await handle.stop(5000);
    integrator = undefined;
    const call = runner.calls.find((c) => c.instanceId === id);
    expect(call?.endedAt).toBeDefined();
    expect(call?.aborted).toBeUndefined();
    const count = runner.calls.length;
    await sleep(1500);
    expect(runner.calls.length).toBe(count);
  });

  it('on stop, aborts a run that outlasts the grace period through its signal', async () => {
    const { db } = get();
    const id = await insertInstance(db, { schedule: '* * * * * *' });
    const runner = scriptedRunner(db);
    runner.script(id, { status: 'succeeded', delayMs: 30_000 });
    const handle = await start(runner);
    while (!runner.calls.some((c) => c.instanceId === id)) await sleep(50);
    const t0 = Date.now();
    await handle.stop(300);
    integrator = undefined;
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(runner.calls.find((c) => c.instanceId === id)?.aborted).toBe(true);
  });
});
