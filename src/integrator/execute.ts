// The one place a queued job becomes a run: re-check the instance, call the framework's runner, decide
// whether the queue should retry, and run the after-run hook (notifications, pausing).
import type { Logger } from 'pino';
import type { Services } from '../services.js';
import { getInstance, isRunnable } from './instances.js';
import type { AfterRunHook } from './notify/notifier.js';
import type { HandlerResult, RunHandler } from './queue/run-queue.js';
import { isRetryableOutcome, type RunInstanceFn, type RunOutcome } from './runner-port.js';

export interface ExecuteDeps {
  services: Services;
  runInstance: RunInstanceFn;
  afterRun: AfterRunHook;
  log: Logger;
  /** On a retry, how long to wait at most for a dead worker's lease to lapse before trying once more. */
  leaseWaitMaxMs: number;
}

export function createRunHandler(deps: ExecuteDeps): RunHandler {
  return async (job, { signal, attempt, retryLimit }): Promise<HandlerResult> => {
    const { services, log } = deps;
    if (job.trigger === 'schedule') {
      // The job may have waited in the queue while an admin disabled or something paused the instance.
      const instance = await getInstance(services.db, job.instanceId);
      if (!instance || !isRunnable(instance)) {
        log.info(
          { instanceId: job.instanceId },
          'integrator: instance disabled, paused or deleted since it was queued; not running',
        );
        return { outcome: null, retry: false };
      }
    }
    const request = {
      instanceId: job.instanceId,
      trigger: job.trigger,
      signal,
      ...(job.entities ? { entities: job.entities } : {}),
    };
    let outcome = await deps.runInstance(services, request);

    // A retry that finds the instance still leased is usually a worker that died mid-run: its lease
    // lapses on its own, so wait for that (bounded) rather than burning the retry.
    if (outcome.status === 'skipped_already_running' && attempt > 0 && !signal.aborted) {
      const waitMs = await leaseRemainingMs(services, job.instanceId);
      if (waitMs !== undefined && waitMs <= deps.leaseWaitMaxMs) {
        log.info({ instanceId: job.instanceId, waitMs }, 'integrator: waiting for a stale lease to lapse');
        await sleep(waitMs + 250, signal);
        if (!signal.aborted) outcome = await deps.runInstance(services, request);
      }
    }

    if (signal.aborted) {
      // Stopped by our own shutdown: not the instance's fault; let another worker (or the next start) redo it.
      log.info({ instanceId: job.instanceId, runId: outcome.runId }, 'integrator: run aborted by shutdown');
      return { outcome, retry: true };
    }
    const retryable =
      isRetryableOutcome(outcome) || (outcome.status === 'skipped_already_running' && attempt > 0);
    const willRetry = retryable && attempt < retryLimit;
    logOutcome(log, job.instanceId, outcome, willRetry);
    await deps.afterRun({ instanceId: job.instanceId, outcome, willRetry });
    return { outcome, retry: willRetry };
  };
}

function logOutcome(log: Logger, instanceId: number, outcome: RunOutcome, willRetry: boolean): void {
  const fields = {
    instanceId,
    runId: outcome.runId,
    status: outcome.status,
    counts: outcome.counts,
    error: outcome.error?.code,
    willRetry,
  };
  if (outcome.status === 'failed') log.warn(fields, 'integrator: run failed');
  else log.info(fields, 'integrator: run finished');
}

async function leaseRemainingMs(services: Services, instanceId: number): Promise<number | undefined> {
  const row = await services.db
    .selectFrom('integration_instances')
    .select('lease_expires_at')
    .where('id', '=', instanceId)
    .executeTakeFirst();
  if (!row?.lease_expires_at) return 0;
  return Math.max(0, Date.parse(row.lease_expires_at) - Date.now());
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
