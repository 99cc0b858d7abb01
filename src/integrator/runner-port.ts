// The integrator's view of the framework's runner. The integrator never runs a sync itself: it decides
// when, and hands each run to `runInstance` (which claims the instance's lease, records the run, and
// never throws). Taken as a parameter so tests can script outcomes and timing where they need to.
import type { RunOutcome, RunRequest } from '../integrations/framework/runs/outcome.js';
import type { Services } from '../services.js';

export type { RunOutcome, RunRequest };
export type OutcomeStatus = RunOutcome['status'];

export type RunInstanceFn = (services: Services, req: RunRequest) => Promise<RunOutcome>;

/** Counts summed over the run's entities. */
export interface RunCounts {
  created: number;
  updated: number;
  unchanged: number;
  inactivated: number;
  failed: number;
}

export function totalCounts(outcome: RunOutcome): RunCounts {
  const total: RunCounts = { created: 0, updated: 0, unchanged: 0, inactivated: 0, failed: 0 };
  for (const c of Object.values(outcome.counts)) {
    if (!c) continue;
    total.created += c.created;
    total.updated += c.updated;
    total.unchanged += c.unchanged;
    total.inactivated += c.inactivated;
    total.failed += c.failed;
  }
  return total;
}

/** Only these error kinds are worth retrying (DESIGN §4.8). */
export function isRetryableOutcome(outcome: RunOutcome): boolean {
  return (
    outcome.status === 'failed' &&
    (outcome.error?.kind === 'transient' || outcome.error?.kind === 'rate_limited')
  );
}

/** The framework's runner, loaded lazily so commands that never sync do not load every connector. */
export async function loadRunInstance(): Promise<RunInstanceFn> {
  const mod = await import('../integrations/framework/runs/run-instance.js');
  return mod.runInstance;
}
