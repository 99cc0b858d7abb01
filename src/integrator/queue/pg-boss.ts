// The scale-out queue: pg-boss on the same PostgreSQL. Every integrator process (and `serve`, when
// embedded) enqueues and works the one queue; pg-boss hands each job to exactly one worker (SKIP LOCKED).
//
// - One job per instance at a time: policy "stately" with singletonKey = instance (≤ 1 queued + 1 active),
//   and enqueue skips an instance that already has a queued/running job (a tick during a run is dropped).
// - One job per schedule tick: its id is derived from (instance, tick), so every process that enqueues
//   the same tick inserts the same id and pg-boss keeps one (INSERT … ON CONFLICT DO NOTHING).
// - Retries: transient/rate-limited failures throw, and pg-boss retries with exponential backoff.
// - Dead workers: pg-boss 10 has no heartbeat, only expiry (which must exceed the longest run). So each
//   worker heartbeats its jobs in integrator_active_jobs; any process that finds a heartbeat older than
//   `staleMs` fails that job, and pg-boss retries it on a live worker.
import crypto from 'node:crypto';
import os from 'node:os';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../../db/transaction.js';
import {
  settleWithin,
  type EnqueueResult,
  type HandlerResult,
  type RunHandler,
  type RunJob,
  type RunQueue,
} from './run-queue.js';

export const RUN_QUEUE_NAME = 'tributary-integration-runs';

export interface PgBossQueueOptions {
  url: string;
  db: Db;
  log: Logger;
  concurrency: number;
  retryLimit: number;
  retryDelaySeconds: number;
  maxRunSeconds: number;
  heartbeatMs: number;
  staleMs: number;
  pollSeconds: number;
}

/** A UUID derived from a string, so the same tick yields the same job id in every process. */
export function deterministicUuid(input: string): string {
  const h = crypto.createHash('sha1').update(input).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50; // version 5 layout
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

const singletonKey = (instanceId: number) => `instance:${instanceId}`;

/** True when `worker` (host:pid) names a process on this host that no longer exists. */
export function isDeadLocalWorker(worker: string): boolean {
  const i = worker.lastIndexOf(':');
  if (i < 0 || worker.slice(0, i) !== os.hostname()) return false;
  const pid = Number(worker.slice(i + 1));
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export class PgBossRunQueue implements RunQueue {
  readonly kind = 'pg-boss' as const;
  private boss: PgBoss | undefined;
  private readonly active = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  private reaper: NodeJS.Timeout | undefined;
  private readonly worker = `${os.hostname()}:${process.pid}`;
  private stopping = false;

  constructor(private readonly options: PgBossQueueOptions) {}

  async start(handler: RunHandler): Promise<void> {
    const o = this.options;
    const boss = new PgBoss({
      connectionString: o.url,
      application_name: 'tributary-integrator',
      // We schedule with croner (second resolution); pg-boss's own cron is minute-granular.
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.round(o.staleMs / 1000))),
      max: Math.max(4, o.concurrency + 2),
    });
    boss.on('error', (e) => o.log.error({ err: e }, 'integrator: pg-boss error'));
    await boss.start();
    this.boss = boss;
    const queue = {
      name: RUN_QUEUE_NAME,
      policy: 'stately' as const,
      retryLimit: o.retryLimit,
      retryDelay: o.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: o.maxRunSeconds,
    };
    // Several integrators starting at once race to create the queue: PostgreSQL then answers with a deadlock
    // or a unique violation for all but one of them. Both are safe to retry.
    await retryOnConflict(async () => {
      await boss.createQueue(RUN_QUEUE_NAME, queue);
      // createQueue keeps an existing queue as it was: apply this process's retry/expiry settings.
      await boss.updateQueue(RUN_QUEUE_NAME, queue);
    });
    for (let i = 0; i < o.concurrency; i++) {
      await boss.work<RunJob>(
        RUN_QUEUE_NAME,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: o.pollSeconds },
        async (jobs) => {
          const job = jobs[0];
          if (!job) return undefined;
          const result = await this.handle(job, handler);
          if (result.retry)
            throw new Error(
              `retryable failure: ${result.outcome?.error?.code ?? result.outcome?.status ?? 'no run'}`,
            );
          return { runId: result.outcome?.runId ?? null, status: result.outcome?.status ?? 'dropped' };
        },
      );
    }
    const tick = () => {
      this.reapStale().catch((e: unknown) => o.log.warn({ err: e }, 'integrator: heartbeat check failed'));
    };
    this.reaper = setInterval(tick, o.heartbeatMs);
    this.reaper.unref();
  }

  private async handle(job: PgBoss.JobWithMetadata<RunJob>, handler: RunHandler): Promise<HandlerResult> {
    const { db } = this.options;
    const controller = new AbortController();
    const now = () => new Date().toISOString();
    await db
      .insertInto('integrator_active_jobs')
      .values({
        job_id: job.id,
        instance_id: job.data.instanceId,
        worker: this.worker,
        started_at: now(),
        heartbeat_at: now(),
      })
      .onConflict((oc) =>
        oc.column('job_id').doUpdateSet({ worker: this.worker, started_at: now(), heartbeat_at: now() }),
      )
      .execute();
    const beat = setInterval(() => {
      db.updateTable('integrator_active_jobs')
        .set({ heartbeat_at: now() })
        .where('job_id', '=', job.id)
        .execute()
        .catch((e: unknown) => this.options.log.warn({ err: e }, 'integrator: heartbeat write failed'));
    }, this.options.heartbeatMs);
    const done = handler(job.data, {
      signal: controller.signal,
      attempt: job.retryCount,
      retryLimit: job.retryLimit,
    });
    this.active.set(job.id, { controller, done });
    try {
      return await done;
    } finally {
      clearInterval(beat);
      this.active.delete(job.id);
      await db
        .deleteFrom('integrator_active_jobs')
        .where('job_id', '=', job.id)
        .execute()
        .catch(() => undefined);
    }
  }

  /**
   * Fails jobs whose worker stopped heartbeating (or, on this host, whose worker process is gone), so
   * pg-boss retries them elsewhere. The conditional DELETE makes exactly one process act on each.
   */
  private async reapStale(): Promise<void> {
    const boss = this.boss;
    if (!boss || this.stopping) return;
    const { db, log, staleMs } = this.options;
    const cutoff = new Date(Date.now() - staleMs).toISOString();
    const rows = await db
      .selectFrom('integrator_active_jobs')
      .select(['job_id', 'instance_id', 'worker', 'heartbeat_at'])
      .execute();
    for (const s of rows) {
      const silent = s.heartbeat_at < cutoff;
      if (!silent && !isDeadLocalWorker(s.worker)) continue;
      const claimed = await db
        .deleteFrom('integrator_active_jobs')
        .where('job_id', '=', s.job_id)
        .where('worker', '=', s.worker)
        .where('heartbeat_at', '=', s.heartbeat_at)
        .executeTakeFirst();
      if (Number(claimed.numDeletedRows) !== 1) continue;
      const why = silent ? 'stopped heartbeating' : 'is no longer running';
      log.warn(
        { jobId: s.job_id, instanceId: s.instance_id, worker: s.worker },
        `integrator: worker ${why}; failing its job so it is retried`,
      );
      await boss.fail(RUN_QUEUE_NAME, s.job_id, { reason: `worker ${s.worker} ${why}` });
    }
  }

  async enqueue(job: RunJob): Promise<EnqueueResult> {
    const boss = this.boss;
    if (!boss || this.stopping) return 'busy';
    const key = singletonKey(job.instanceId);
    const { rows } = await boss
      .getDb()
      .executeSql(
        `SELECT 1 FROM pgboss.job WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry', 'active') LIMIT 1`,
        [RUN_QUEUE_NAME, key],
      );
    if (rows.length > 0) return 'busy';
    const id = job.tickAt ? deterministicUuid(`${job.instanceId}|${job.tickAt}`) : crypto.randomUUID();
    const sent = await boss.send(RUN_QUEUE_NAME, { ...job }, { id, singletonKey: key });
    return sent === null ? 'duplicate' : 'enqueued';
  }

  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    if (this.reaper) clearInterval(this.reaper);
    const boss = this.boss;
    if (!boss) return;
    await boss.offWork(RUN_QUEUE_NAME);
    const inFlight = () => [...this.active.values()];
    if (
      !(await settleWithin(
        inFlight().map((a) => a.done),
        graceMs,
      ))
    ) {
      this.options.log.warn({ runs: this.active.size }, 'integrator: aborting runs still going at shutdown');
      for (const a of inFlight()) a.controller.abort(new Error('integrator shutting down'));
      await Promise.allSettled(inFlight().map((a) => a.done));
    }
    // Let pg-boss record the completions/failures of the jobs that just ended before closing its pool.
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}

const CONFLICT_CODES = new Set(['40P01', '40001', '23505']);

/** Runs `fn`, retrying with a short jittered pause when PostgreSQL reports a deadlock, serialization failure or duplicate. */
export async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const code = (e as { code?: unknown } | null)?.code;
      if (attempt >= attempts || typeof code !== 'string' || !CONFLICT_CODES.has(code)) throw e;
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
    }
  }
}
