// One interface over the two ways runs are queued: in-process (SQLite, one machine) and pg-boss
// (PostgreSQL, any number of integrator processes on any number of machines).
import type { EntityName } from '../../integrations/framework/contract.js';
import type { RunTrigger } from '../../db/schema/integrations.js';
import type { RunOutcome } from '../runner-port.js';

export interface RunJob {
  instanceId: number;
  entities?: EntityName[] | undefined;
  trigger: RunTrigger;
  /** For scheduled runs: the cron tick's nominal time (ISO), the same in every process. */
  tickAt?: string | undefined;
}

export interface AttemptInfo {
  signal: AbortSignal;
  /** 0 for the first attempt, 1 for the first retry, … */
  attempt: number;
  retryLimit: number;
}

export interface HandlerResult {
  /** null when the job was dropped without a run (instance disabled, paused or deleted meanwhile). */
  outcome: RunOutcome | null;
  /** Ask the queue to run this job again later (with backoff). */
  retry: boolean;
}

export type RunHandler = (job: RunJob, attempt: AttemptInfo) => Promise<HandlerResult>;

/** enqueued; busy = the instance already has a queued or running job (the tick is skipped); duplicate = this tick was already enqueued. */
export type EnqueueResult = 'enqueued' | 'busy' | 'duplicate';

export interface RunQueue {
  readonly kind: 'embedded' | 'pg-boss';
  /** Starts working jobs with `handler`. */
  start(handler: RunHandler): Promise<void>;
  enqueue(job: RunJob): Promise<EnqueueResult>;
  /** Stops taking jobs; lets running ones finish for up to `graceMs`, then aborts them and waits for them to end. */
  stop(graceMs: number): Promise<void>;
}

/** Exponential backoff: base, 2×base, 4×base … (capped at one hour). */
export function backoffMs(baseSeconds: number, attempt: number): number {
  return Math.min(3_600_000, baseSeconds * 1000 * 2 ** attempt);
}

/** Waits for all of `promises`, or until `ms` have passed; true if they all ended in time. */
export async function settleWithin(promises: Iterable<Promise<unknown>>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const all = Promise.allSettled([...promises]).then(() => true);
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([all, timeout]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
