// The scheduler fires instances on their cron (seconds resolution), never overlaps one instance, and picks
// up instances added, changed or disabled while it runs. Embedded queue; both dialects.
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../db/testing.js';
import { startIntegrator, type IntegratorHandle } from './integrator.js';
import { insertInstance, testServices } from './test-support/seed.js';
import { scriptedRunner } from './test-support/scripted-runner.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDialect('integrator scheduler', (get, dialect) => {
  let integrator: IntegratorHandle | undefined;
  afterEach(async () => {
    await integrator?.stop(2000);
    integrator = undefined;
    await get().db.updateTable('integration_instances').set({ enabled: 0 }).execute();
  });

  // The pg-boss path is proven with separate processes in scale-out.int.test.ts; here the embedded queue.
  const start = async (runner: ReturnType<typeof scriptedRunner>) => {
    const services = testServices(get());
    const handle = await startIntegrator(
      { ...services, dialect: 'sqlite' },
      { runInstance: runner.run, settings: { reloadMs: 300, concurrency: 4, retryLimit: 0 } },
    );
    integrator = handle;
    return handle;
  };

  it('runs an every-second schedule with its entities, and a slow run is never overlapped', async () => {
    const { db } = get();
    const fast = await insertInstance(db, { schedule: '* * * * * *', entities: ['customers', 'licences'] });
    const slow = await insertInstance(db, { schedule: '* * * * * *' });
    const runner = scriptedRunner(db);
    runner.script(slow, { status: 'succeeded', delayMs: 2600 }, { status: 'succeeded', delayMs: 2600 });
    await start(runner);
    await sleep(5200);
    const fastCalls = runner.calls.filter((c) => c.instanceId === fast);
    const slowCalls = runner.calls.filter((c) => c.instanceId === slow);
    expect(fastCalls.length).toBeGreaterThanOrEqual(3);
    expect(fastCalls.length).toBeLessThanOrEqual(6);
    expect(fastCalls.every((c) => c.trigger === 'schedule')).toBe(true);
    expect(fastCalls[0]?.entities).toEqual(['customers', 'licences']);
    expect(slowCalls[0]?.entities).toBeUndefined();
    // ~5 ticks happened while runs of 2.6 s went on: those ticks were skipped, not queued up.
    expect(slowCalls.length).toBeGreaterThanOrEqual(1);
    expect(slowCalls.length).toBeLessThanOrEqual(2);
    expect(runner.maxOverlap(slow)).toBe(1);
    expect(runner.maxOverlap(fast)).toBe(1);
    for (let i = 1; i < slowCalls.length; i++) {
      expect(slowCalls[i]?.startedAt).toBeGreaterThanOrEqual(slowCalls[i - 1]?.endedAt ?? Infinity);
    }
    // Consecutive runs of the fast instance land on distinct ticks about a second apart.
    for (let i = 1; i < fastCalls.length; i++) {
      expect((fastCalls[i]?.startedAt ?? 0) - (fastCalls[i - 1]?.startedAt ?? 0)).toBeGreaterThan(500);
    }
  });

  it('picks up instances added, changed and disabled while running', async () => {
    const { db } = get();
    const runner = scriptedRunner(db);
    const handle = await start(runner);
    const later = await insertInstance(db, { schedule: '* * * * * *' });
    const hourly = await insertInstance(db, { schedule: '0 * * * *' });
    await sleep(2000);
    expect(handle.scheduler.scheduledInstanceIds()).toEqual(expect.arrayContaining([later, hourly]));
    expect(runner.calls.filter((c) => c.instanceId === later).length).toBeGreaterThanOrEqual(1);
    expect(runner.calls.filter((c) => c.instanceId === hourly)).toHaveLength(0);

    // Change the hourly one to every second; disable the other.
    await db
      .updateTable('integration_instances')
      .set({ schedule: '* * * * * *' })
      .where('id', '=', hourly)
      .execute();
    await db.updateTable('integration_instances').set({ enabled: 0 }).where('id', '=', later).execute();
    await sleep(700);
    const laterCount = runner.calls.filter((c) => c.instanceId === later).length;
    await sleep(2000);
    expect(runner.calls.filter((c) => c.instanceId === hourly).length).toBeGreaterThanOrEqual(1);
    expect(runner.calls.filter((c) => c.instanceId === later).length).toBe(laterCount);
    expect(handle.scheduler.scheduledInstanceIds()).not.toContain(later);

    // A paused instance is not scheduled either.
    await db
      .updateTable('integration_instances')
      .set({ paused_reason: 'Paused after 3 consecutive failures' })
      .where('id', '=', hourly)
      .execute();
    await sleep(700);
    expect(handle.scheduler.scheduledInstanceIds()).not.toContain(hourly);
  });

  it('claims each tick once even when two schedulers share the database', async () => {
    const { db } = get();
    const id = await insertInstance(db, { schedule: '* * * * * *' });
    const runnerA = scriptedRunner(db);
    const runnerB = scriptedRunner(db);
    const services = testServices(get());
    const a = await startIntegrator(
      { ...services, dialect: 'sqlite' },
      { runInstance: runnerA.run, settings: { reloadMs: 300 } },
    );
    const b = await startIntegrator(
      { ...services, dialect: 'sqlite' },
      { runInstance: runnerB.run, settings: { reloadMs: 300 } },
    );
    try {
      await sleep(4200);
    } finally {
      await a.stop(1000);
      await b.stop(1000);
    }
    const callsA = runnerA.calls.filter((c) => c.instanceId === id);
    const callsB = runnerB.calls.filter((c) => c.instanceId === id);
    const total = callsA.length + callsB.length;
    expect(total).toBeGreaterThanOrEqual(3);
    expect(total).toBeLessThanOrEqual(5);
    void dialect;
  });
});
