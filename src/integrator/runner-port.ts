// The integrator's view of the framework's runner. The integrator never runs a sync itself: it decides
// when, and hands each run to `runInstance` (which claims the instance's lease, records the run, and
// never throws). Kept as a port so tests can observe calls without reimplementing the runner.
import type { EntityName } from '../integrations/framework/contract.js';
import type { RunTrigger } from '../db/schema/integrations.js';
import type { Services } from '../services.js';

export type OutcomeStatus = 'succeeded' | 'partial' | 'failed' | 'needs_approval' | 'skipped_already_running';

export interface RunCounts {
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  failed: number;
}

export interface RunOutcome {
  runId: number | null;
  status: OutcomeStatus;
  counts: RunCounts;
  error?: { code: string; kind: string; message: string };
}

export interface RunRequest {
  instanceId: number;
  entities?: EntityName[];
  dryRun?: boolean;
  trigger: RunTrigger;
  onProgress?: (p: unknown) => void;
  signal?: AbortSignal;
}

export type RunInstanceFn = (services: Services, req: RunRequest) => Promise<RunOutcome>;

/** Only these error kinds are worth retrying (DESIGN §4.8). */
export function isRetryableOutcome(outcome: RunOutcome): boolean {
  return outcome.status === 'failed' && (outcome.error?.kind === 'transient' || outcome.error?.kind === 'rate_limited');
}

/** The framework's runner, loaded lazily so the integrator module graph stays light for other commands. */
export async function loadRunInstance(): Promise<RunInstanceFn> {
  const spec = '../integrations/framework/run-instance.js';
  const mod = (await import(spec)) as { runInstance: RunInstanceFn };
  return mod.runInstance;
}
