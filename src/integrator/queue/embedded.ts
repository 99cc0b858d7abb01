// The in-process queue (SQLite, or any single integrator): a bounded pool of runs, at most one per
// instance, retries with exponential backoff on timers. Across processes the runner's DB lease still
// guarantees one run per instance; this queue only avoids pile-ups inside this process.
import type { Logger } from 'pino';
import {
  backoffMs,
  settleWithin,
  type EnqueueResult,
  type RunHandler,
  type RunJob,
  type RunQueue,
} from './run-queue.js';

export interface EmbeddedQueueOptions {
  concurrency: number;
  retryLimit: number;
  retryDelaySeconds: number;
  log: Logger;
}

interface Pending {
  job: RunJob;
  attempt: number;
}

export class EmbeddedRunQueue implements RunQueue {
  readonly kind = 'embedded' as const;
  private handler: RunHandler | undefined;
  private readonly pending: Pending[] = [];
  private readonly running = new Map<number, { controller: AbortController; done: Promise<void> }>();
  private readonly retryTimers = new Map<number, NodeJS.Timeout>();
  private stopping = false;

  constructor(private readonly options: EmbeddedQueueOptions) {}

  async start(handler: RunHandler): Promise<void> {
    this.handler = handler;
    this.pump();
  }

  async enqueue(job: RunJob): Promise<EnqueueResult> {
    if (this.stopping) return 'busy';
    const id = job.instanceId;
    if (this.running.has(id) || this.retryTimers.has(id) || this.pending.some((p) => p.job.instanceId === id))
      return 'busy';
    this.pending.push({ job, attempt: 0 });
    this.pump();
    return 'enqueued';
  }

  private pump(): void {
    if (!this.handler || this.stopping) return;
    while (this.running.size < this.options.concurrency) {
      const index = this.pending.findIndex((p) => !this.running.has(p.job.instanceId));
      if (index < 0) return;
      const [next] = this.pending.splice(index, 1);
      if (next) this.launch(next, this.handler);
    }
  }

  private launch(item: Pending, handler: RunHandler): void {
    const controller = new AbortController();
    const id = item.job.instanceId;
    const done = (async () => {
      try {
        const result = await handler(item.job, {
          signal: controller.signal,
          attempt: item.attempt,
          retryLimit: this.options.retryLimit,
        });
        if (result.retry && !this.stopping && item.attempt < this.options.retryLimit) {
          const delay = backoffMs(this.options.retryDelaySeconds, item.attempt);
          this.options.log.info(
            { instanceId: id, attempt: item.attempt + 1, delayMs: delay },
            'integrator: retrying run after a transient failure',
          );
          const timer = setTimeout(() => {
            this.retryTimers.delete(id);
            if (this.stopping) return;
            this.pending.push({ job: item.job, attempt: item.attempt + 1 });
            this.pump();
          }, delay);
          timer.unref();
          this.retryTimers.set(id, timer);
        }
      } catch (e) {
        // The handler is built not to throw; if it does, log it and keep the queue alive.
        this.options.log.error({ err: e, instanceId: id }, 'integrator: run handler threw');
      } finally {
        this.running.delete(id);
        this.pump();
      }
    })();
    this.running.set(id, { controller, done });
  }

  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    this.pending.length = 0;
    for (const t of this.retryTimers.values()) clearTimeout(t);
    this.retryTimers.clear();
    const inFlight = () => [...this.running.values()];
    if (
      await settleWithin(
        inFlight().map((r) => r.done),
        graceMs,
      )
    )
      return;
    this.options.log.warn({ runs: this.running.size }, 'integrator: aborting runs still going at shutdown');
    for (const r of inFlight()) r.controller.abort(new Error('integrator shutting down'));
    await Promise.allSettled(inFlight().map((r) => r.done));
  }
}
