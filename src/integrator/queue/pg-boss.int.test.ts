// The pg-boss queue in one process with two integrators (two "machines") on one PostgreSQL:
// each tick runs once, retries only transient failures, with backoff. The multi-process kill test is
// in ../scale-out.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { startIntegrator } from '../integrator.js';
import { insertInstance, testServices } from '../test-support/seed.js';
import { scriptedRunner } from '../test-support/scripted-runner.js';
import PgBoss from 'pg-boss';
import { deterministicUuid, RUN_QUEUE_NAME } from './pg-boss.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('pg-boss run queue [postgres]', () => {
  let pg: TestDatabase;
  beforeAll(async () => {
    pg = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await pg?.drop();
  });

  const settings = {
    reloadMs: 300,
    pollSeconds: 0.5,
    retryDelaySeconds: 1,
    retryLimit: 2,
    heartbeatMs: 300,
    staleMs: 3000,
    concurrency: 2,
  };

  it('derives the same job id for the same tick, different ids for different ticks', () => {
    expect(deterministicUuid('7|2026-01-01T00:00:00.000Z')).toBe(
      deterministicUuid('7|2026-01-01T00:00:00.000Z'),
    );
    expect(deterministicUuid('7|2026-01-01T00:00:00.000Z')).not.toBe(
      deterministicUuid('7|2026-01-01T00:00:01.000Z'),
    );
    expect(deterministicUuid('x')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('two integrators share the queue: every tick of an instance runs exactly once, never overlapping', async () => {
    const id = await insertInstance(pg.db, { schedule: '*/2 * * * * *' });
    const runner = scriptedRunner(pg.db, 300);
    const services = testServices(pg);
    const a = await startIntegrator(services, { postgresUrl: pg.url, runInstance: runner.run, settings });
    const b = await startIntegrator(services, { postgresUrl: pg.url, runInstance: runner.run, settings });
    try {
      await sleep(8000);
    } finally {
      await a.stop(3000);
      await b.stop(3000);
    }
    const calls = runner.calls.filter((c) => c.instanceId === id);
    // 4 (at most 5) even seconds in 8 s; never two runs for one tick.
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.length).toBeLessThanOrEqual(5);
    expect(runner.maxOverlap(id)).toBe(1);
    // One pg-boss job per tick although both processes fired every tick. A tick enqueued just before the
    // integrators stopped may still be waiting (never run): it is the only job allowed without a run.
    const jobs = await countJobs(pg, id);
    expect(jobs).toBeGreaterThanOrEqual(calls.length);
    expect(jobs).toBeLessThanOrEqual(calls.length + 1);
    await pg.db.updateTable('integration_instances').set({ enabled: 0 }).where('id', '=', id).execute();
    // Leave no waiting job behind for the next test's worker to fetch.
    await deleteWaitingJobs(pg, id);
  });

  it('a job whose worker (on another machine) stopped heartbeating is failed and retried by a live worker', async () => {
    const id = await insertInstance(pg.db, { schedule: '0 0 1 1 *' });
    // A "remote" worker takes the job and goes silent: fetched (active) with an old heartbeat.
    const remote = new PgBoss({ connectionString: pg.url ?? '', schedule: false, supervise: false });
    remote.on('error', () => undefined);
    await remote.start();
    await remote.createQueue(RUN_QUEUE_NAME, {
      name: RUN_QUEUE_NAME,
      policy: 'stately',
      retryLimit: 2,
      retryDelay: 1,
      retryBackoff: true,
    });
    const jobId = await remote.send(
      RUN_QUEUE_NAME,
      { instanceId: id, trigger: 'manual' },
      { singletonKey: `instance:${id}` },
    );
    const fetched = await remote.fetch(RUN_QUEUE_NAME);
    expect(fetched.map((j) => j.id)).toEqual([jobId]);
    const old = new Date(Date.now() - 3_600_000).toISOString();
    await pg.db
      .insertInto('integrator_active_jobs')
      .values({
        job_id: jobId ?? '',
        instance_id: id,
        worker: 'another-machine:4242',
        started_at: old,
        heartbeat_at: old,
      })
      .execute();
    await remote.stop({ graceful: false, wait: true });

    const runner = scriptedRunner(pg.db);
    const handle = await startIntegrator(testServices(pg), {
      postgresUrl: pg.url,
      runInstance: runner.run,
      settings,
    });
    try {
      const deadline = Date.now() + 15_000;
      while (!runner.calls.some((c) => c.instanceId === id) && Date.now() < deadline) await sleep(100);
    } finally {
      await handle.stop(3000);
    }
    expect(runner.calls.filter((c) => c.instanceId === id)).toHaveLength(1);
    const left = await pg.db
      .selectFrom('integrator_active_jobs')
      .select('job_id')
      .where('job_id', '=', jobId ?? '')
      .execute();
    expect(left).toHaveLength(0);
  });

  it('retries transient failures with backoff, but not config failures', async () => {
    const transient = await insertInstance(pg.db, { schedule: '0 0 1 1 *' });
    const broken = await insertInstance(pg.db, { schedule: '0 0 1 1 *' });
    const runner = scriptedRunner(pg.db);
    runner.script(
      transient,
      { status: 'failed', error: { code: 'HTTP_503', kind: 'transient', message: 'try later' } },
      { status: 'failed', error: { code: 'HTTP_429', kind: 'rate_limited', message: 'slow down' } },
    );
    runner.script(broken, {
      status: 'failed',
      error: { code: 'BAD_CONFIG', kind: 'config', message: 'no tenant' },
    });
    const services = testServices(pg);
    const handle = await startIntegrator(services, {
      postgresUrl: pg.url,
      runInstance: runner.run,
      settings,
    });
    try {
      expect(await handle.queue.enqueue({ instanceId: transient, trigger: 'manual' })).toBe('enqueued');
      expect(await handle.queue.enqueue({ instanceId: transient, trigger: 'manual' })).toBe('busy');
      expect(await handle.queue.enqueue({ instanceId: broken, trigger: 'manual' })).toBe('enqueued');
      const deadline = Date.now() + 15_000;
      while (runner.calls.filter((c) => c.instanceId === transient).length < 3 && Date.now() < deadline)
        await sleep(100);
      await sleep(2500);
    } finally {
      await handle.stop(3000);
    }
    const tCalls = runner.calls.filter((c) => c.instanceId === transient);
    expect(tCalls).toHaveLength(3); // failed, failed, then succeeded on the second retry
    // Backoff: 1 s, then 2 s (plus polling).
    expect((tCalls[1]?.startedAt ?? 0) - (tCalls[0]?.endedAt ?? 0)).toBeGreaterThanOrEqual(900);
    expect((tCalls[2]?.startedAt ?? 0) - (tCalls[1]?.endedAt ?? 0)).toBeGreaterThanOrEqual(1900);
    expect(runner.calls.filter((c) => c.instanceId === broken)).toHaveLength(1);
  });
});

async function deleteWaitingJobs(pg: TestDatabase, instanceId: number): Promise<void> {
  const { default: pgLib } = await import('pg');
  const client = new pgLib.Client({ connectionString: pg.url });
  await client.connect();
  try {
    await client.query(`DELETE FROM pgboss.job WHERE singleton_key = $1 AND state IN ('created', 'retry')`, [
      `instance:${instanceId}`,
    ]);
  } finally {
    await client.end();
  }
}

async function countJobs(pg: TestDatabase, instanceId: number): Promise<number> {
  const { default: pgLib } = await import('pg');
  const client = new pgLib.Client({ connectionString: pg.url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT id FROM pgboss.job WHERE singleton_key = $1 UNION ALL SELECT id FROM pgboss.archive WHERE singleton_key = $1) j`,
      [`instance:${instanceId}`],
    );
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
