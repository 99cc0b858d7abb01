// Scale-out on PostgreSQL: two `tributary integrator` processes share the pg-boss queue. Each scheduled
// tick of an instance runs once (no duplicates, no overlap); a worker killed with SIGKILL mid-run has its
// job retried by the other worker, and the data ends up complete with no duplicate records. Real runner,
// Sophos connector, Sophos Central fake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startFakeSophos, type FakeSophos } from '../../test/fakes/sophos/index.js';
import { newKey } from '../crypto/keyring.js';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { createInstance } from '../integrations/framework/index.js';
import { adminCtx, testServices } from '../integrations/framework/testing.js';
import { fakeSophosConfigInput } from '../integrations/sophos/testing.js';
import { spawnCli, waitUntil, type CliProcess } from './test-support/cli.js';

const TENANTS = 6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('scale-out: two integrator processes on PostgreSQL', () => {
  let db: TestDatabase;
  let fake: FakeSophos;
  const key = newKey();
  const workers: CliProcess[] = [];
  let a = 0;
  let b = 0;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    fake = await startFakeSophos({ tenants: TENANTS, licencesPerTenant: 1, seed: 5, latencyMs: 10 });
    const ctx = adminCtx(testServices(db, { masterKey: key }));
    const make = async (name: string) =>
      (
        await createInstance(ctx, {
          connectorId: 'sophos',
          name,
          config: fakeSophosConfigInput(fake, 'partner', { pageSize: 2, concurrency: 2 }),
          unmappedPolicy: 'create_customer',
          schedule: '*/2 * * * * *',
          enabled: false,
        })
      ).id;
    a = await make('Sophos A');
    b = await make('Sophos B');
    const env = {
      DATABASE_URL: db.url ?? '',
      TRIBUTARY_MASTER_KEY: key.toString('base64'),
      TRIBUTARY_DATA_DIR: '/tmp/tributary-scale-out-unused',
      TRIBUTARY_LOG_LEVEL: 'info',
      TRIBUTARY_INTEGRATOR_RELOAD_SECONDS: '0.5',
      TRIBUTARY_INTEGRATOR_POLL_SECONDS: '0.5',
      TRIBUTARY_INTEGRATOR_HEARTBEAT_SECONDS: '0.5',
      TRIBUTARY_INTEGRATOR_STALE_SECONDS: '5',
      TRIBUTARY_INTEGRATOR_RETRY_DELAY_SECONDS: '1',
      TRIBUTARY_INTEGRATOR_SHUTDOWN_GRACE_SECONDS: '5',
    };
    for (let i = 0; i < 2; i++) workers.push(spawnCli(['integrator'], env));
    for (const w of workers) {
      const started = async () => (w.output().includes('integrator: started') ? true : undefined);
      await waitUntil('an integrator to start', started, 90_000).catch((e: unknown) => {
        throw new Error(`${(e as Error).message}; its output:\n${w.output().slice(-3000)}`);
      });
    }
  }, 150_000);

  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await fake?.close();
    await db?.drop();
  });

  const runsOf = (id: number) =>
    db.db.selectFrom('integration_runs').selectAll().where('instance_id', '=', id).orderBy('id').execute();
  const setEnabled = (id: number, on: boolean) =>
    db.db
      .updateTable('integration_instances')
      .set({ enabled: on ? 1 : 0 })
      .where('id', '=', id)
      .execute();
  const idle = (id: number) =>
    waitUntil(`instance ${id} to go idle`, async () => {
      const row = await db.db
        .selectFrom('integration_instances')
        .select('running_run_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const jobs = await pgbossJobs(db, id, ['created', 'retry', 'active']);
      return row.running_run_id === null && jobs === 0 ? true : undefined;
    });
  const linked = async (id: number, type: 'customer' | 'licence') =>
    (
      await db.db
        .selectFrom('external_links')
        .select('record_id')
        .where('instance_id', '=', id)
        .where('record_type', '=', type)
        .execute()
    ).length;

  it('runs each tick of a scheduled instance exactly once across both workers, never overlapping', async () => {
    await setEnabled(a, true);
    await sleep(9000);
    await setEnabled(a, false);
    await idle(a);
    const runs = await runsOf(a);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.length).toBeLessThanOrEqual(5);
    expect(runs.every((r) => r.trigger === 'schedule')).toBe(true);
    expect(runs.map((r) => r.status)).toEqual(runs.map(() => 'succeeded'));
    for (let i = 1; i < runs.length; i++) {
      // Strictly one after the other, and on different ticks (2 s apart).
      expect(runs[i]!.started_at >= (runs[i - 1]!.finished_at ?? '9')).toBe(true);
      expect(Date.parse(runs[i]!.started_at) - Date.parse(runs[i - 1]!.started_at)).toBeGreaterThan(1000);
    }
    // One pg-boss job per run: no tick was enqueued twice although both processes scheduled it. A tick
    // enqueued just as the instance was disabled is completed without a run: the one job allowed extra.
    const jobs = await pgbossJobs(db, a);
    expect(jobs).toBeGreaterThanOrEqual(runs.length);
    expect(jobs).toBeLessThanOrEqual(runs.length + 1);
    expect(await linked(a, 'customer')).toBe(TENANTS);
    expect(await linked(a, 'licence')).toBe(TENANTS);
  }, 60_000);

  it('a worker killed mid-run: the other worker retries the job, and no record is duplicated', async () => {
    // Customers import completely; then the third tenant's licence request hangs, and we kill that worker.
    const stall = fake.inject({ route: 'licenses', skip: 2, action: { type: 'stall', ms: 20_000 } });
    await setEnabled(b, true);
    const active = await waitUntil(
      'the run of B to be in progress on a worker',
      async () => {
        if (stall.fired < 1) return undefined;
        return db.db
          .selectFrom('integrator_active_jobs')
          .selectAll()
          .where('instance_id', '=', b)
          .executeTakeFirst();
      },
      30_000,
    );
    const [first] = await runsOf(b);
    expect(first?.status).toBe('running');
    // The customers were committed before the kill: the retry must update them, not create them again.
    expect(await linked(b, 'customer')).toBe(TENANTS);
    const customersBefore = (await db.db.selectFrom('customers').select('id').execute()).length;
    const pid = Number(active.worker.slice(active.worker.lastIndexOf(':') + 1));
    const victim = workers.find((w) => w.pid === pid);
    const survivor = workers.find((w) => w.pid !== pid);
    expect(victim).toBeDefined();
    victim!.kill('SIGKILL');
    await victim!.exited;

    const retried = await waitUntil(
      'a successful run of B after the kill',
      async () => (await runsOf(b)).find((r) => r.id !== first!.id && r.status === 'succeeded'),
      45_000,
    );
    await setEnabled(b, false);
    await idle(b);

    expect(retried.trigger).toBe('schedule');
    const killed = (await runsOf(b)).find((r) => r.id === first!.id);
    expect(killed).toMatchObject({ status: 'failed', error_code: 'RUN_ABANDONED' });
    // The killed job itself was retried (not just a later tick): it completed after at least one retry.
    expect(await pgbossRetriedAndCompleted(db, b)).toBeGreaterThanOrEqual(1);
    expect(survivor!.output()).toMatch(
      /no longer running; failing its job so it is retried|stopped heartbeating; failing its job/,
    );

    // Complete and without duplicates: one customer and one licence per tenant for B; 2 × TENANTS overall.
    expect(await linked(b, 'customer')).toBe(TENANTS);
    expect(await linked(b, 'licence')).toBe(TENANTS);
    expect((await db.db.selectFrom('customers').select('id').execute()).length).toBe(customersBefore);
    expect(retried.counts_json).toContain('"customers":{"created":0');
    expect((await db.db.selectFrom('customers').select('id').execute()).length).toBe(2 * TENANTS);
    expect((await db.db.selectFrom('licences').select('id').execute()).length).toBe(2 * TENANTS);
  }, 120_000);

  it('SIGTERM during a run: the worker aborts it after the grace period, records it, releases the lease, exits 0', async () => {
    const survivor = workers.find((w) => w.child.exitCode === null && w.child.signalCode === null);
    expect(survivor).toBeDefined();
    const runsBefore = (await runsOf(b)).length;
    const stall = fake.inject({ route: 'licenses', action: { type: 'stall', ms: 60_000 } });
    await setEnabled(b, true);
    await waitUntil(
      'a new run of B to hang',
      async () => (stall.fired >= 1 && (await runsOf(b)).length > runsBefore ? true : undefined),
      30_000,
    );
    const t0 = Date.now();
    survivor!.kill('SIGTERM');
    const code = await Promise.race([survivor!.exited, sleep(30_000).then(() => 'timeout' as const)]);
    expect(code).toBe(0);
    // Grace is 5 s, then the run is aborted through its signal rather than waiting for the 60 s stall.
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(survivor!.output()).toContain('integrator: aborting runs still going at shutdown');
    expect(survivor!.output()).toContain('integrator: stopped');
    const last = (await runsOf(b)).at(-1);
    expect(last?.status).not.toBe('running');
    expect(last?.finished_at).not.toBeNull();
    const leases = await db.db
      .selectFrom('integration_instances')
      .select('running_run_id')
      .where('running_run_id', 'is not', null)
      .execute();
    expect(leases).toHaveLength(0);
  }, 60_000);
});

async function pgbossQuery(db: TestDatabase, sql: string, params: unknown[]): Promise<number> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(sql, params);
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

function pgbossJobs(db: TestDatabase, instanceId: number, states?: string[]): Promise<number> {
  const key = `instance:${instanceId}`;
  if (states)
    return pgbossQuery(
      db,
      `SELECT count(*) AS n FROM pgboss.job WHERE singleton_key = $1 AND state::text = ANY($2)`,
      [key, states],
    );
  return pgbossQuery(
    db,
    `SELECT count(*) AS n FROM (SELECT id FROM pgboss.job WHERE singleton_key = $1 UNION ALL SELECT id FROM pgboss.archive WHERE singleton_key = $1) j`,
    [key],
  );
}

function pgbossRetriedAndCompleted(db: TestDatabase, instanceId: number): Promise<number> {
  return pgbossQuery(
    db,
    `SELECT count(*) AS n FROM (SELECT retry_count, state::text AS state FROM pgboss.job WHERE singleton_key = $1 UNION ALL SELECT retry_count, state::text FROM pgboss.archive WHERE singleton_key = $1) j WHERE retry_count > 0 AND state = 'completed'`,
    [`instance:${instanceId}`],
  );
}
