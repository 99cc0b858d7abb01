// The integrator's tunables, read once from the environment (zod, failing fast like config/env.ts).
// Defaults suit production; tests shrink the intervals.
import { z } from 'zod';
import { ConfigError } from '../config/env.js';

const seconds = (def: number, min = 1) => z.coerce.number().min(min).default(def);

const IntegratorEnvSchema = z.object({
  /** Pause an instance after this many consecutive failed runs (a per-instance override wins). */
  TRIBUTARY_PAUSE_AFTER_FAILURES: z.coerce.number().int().min(1).default(30),
  /** How often the scheduler re-reads the instances (added, changed, disabled, paused). */
  TRIBUTARY_INTEGRATOR_RELOAD_SECONDS: seconds(30, 0.2),
  /** Runs one process executes at the same time (different instances; one instance never overlaps). */
  TRIBUTARY_INTEGRATOR_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Retries of a run that failed with a transient or rate-limited error. */
  TRIBUTARY_INTEGRATOR_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(3),
  /** First retry delay; doubles each time (exponential backoff). */
  TRIBUTARY_INTEGRATOR_RETRY_DELAY_SECONDS: seconds(60),
  /** How long a run may take before the queue gives up on it (pg-boss expiry; at most 23 hours). */
  TRIBUTARY_INTEGRATOR_MAX_RUN_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .max(82_800)
    .default(6 * 3600),
  /** pg-boss: worker heartbeat, and the silence after which a job counts as abandoned and is retried elsewhere. */
  TRIBUTARY_INTEGRATOR_HEARTBEAT_SECONDS: seconds(10, 0.2),
  TRIBUTARY_INTEGRATOR_STALE_SECONDS: seconds(60, 1),
  /** pg-boss: how often idle workers look for jobs. */
  TRIBUTARY_INTEGRATOR_POLL_SECONDS: seconds(2, 0.5),
  /** On SIGTERM/SIGINT: how long running syncs may finish before they are aborted. */
  TRIBUTARY_INTEGRATOR_SHUTDOWN_GRACE_SECONDS: seconds(30, 0),
});

export interface IntegratorSettings {
  pauseAfterFailures: number;
  reloadMs: number;
  concurrency: number;
  retryLimit: number;
  retryDelaySeconds: number;
  maxRunSeconds: number;
  heartbeatMs: number;
  staleMs: number;
  pollSeconds: number;
  shutdownGraceMs: number;
}

export function loadIntegratorSettings(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<IntegratorSettings> = {},
): IntegratorSettings {
  const parsed = IntegratorEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const settings: IntegratorSettings = {
    pauseAfterFailures: e.TRIBUTARY_PAUSE_AFTER_FAILURES,
    reloadMs: Math.round(e.TRIBUTARY_INTEGRATOR_RELOAD_SECONDS * 1000),
    concurrency: e.TRIBUTARY_INTEGRATOR_CONCURRENCY,
    retryLimit: e.TRIBUTARY_INTEGRATOR_RETRY_LIMIT,
    retryDelaySeconds: Math.max(1, Math.round(e.TRIBUTARY_INTEGRATOR_RETRY_DELAY_SECONDS)),
    maxRunSeconds: e.TRIBUTARY_INTEGRATOR_MAX_RUN_SECONDS,
    heartbeatMs: Math.round(e.TRIBUTARY_INTEGRATOR_HEARTBEAT_SECONDS * 1000),
    staleMs: Math.round(e.TRIBUTARY_INTEGRATOR_STALE_SECONDS * 1000),
    pollSeconds: e.TRIBUTARY_INTEGRATOR_POLL_SECONDS,
    shutdownGraceMs: Math.round(e.TRIBUTARY_INTEGRATOR_SHUTDOWN_GRACE_SECONDS * 1000),
  };
  return { ...settings, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
}
