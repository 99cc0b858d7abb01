// A scripted stand-in for the framework's runInstance, used only where a test needs exact control of
// outcomes and timing. It keeps the runner's side of the contract on the instance row
// (consecutive_failures, last_error, last_sync_at) and its "never two at once" lease, in memory.
import type { Db } from '../../db/transaction.js';
import type { RunInstanceFn, RunOutcome, RunRequest } from '../runner-port.js';

export interface ScriptedStep {
  status: 'succeeded' | 'failed';
  error?: { code: string; kind: string; message: string };
  delayMs?: number;
}

export interface ScriptedRunner {
  run: RunInstanceFn;
  calls: Array<{
    instanceId: number;
    trigger: string;
    entities: string[] | undefined;
    startedAt: number;
    endedAt?: number;
    aborted?: boolean;
  }>;
  /** Steps consumed per instance, in order; when empty, runs succeed. */
  script(instanceId: number, ...steps: ScriptedStep[]): void;
  /** Highest number of simultaneous runs of one instance ever seen. */
  maxOverlap(instanceId: number): number;
}

const zero = {};
const oneCreated = {
  customers: { created: 1, updated: 0, unchanged: 0, inactivated: 0, failed: 0, skipped: 0 },
};

export function scriptedRunner(db: Db, defaultDelayMs = 0): ScriptedRunner {
  const steps = new Map<number, ScriptedStep[]>();
  const running = new Map<number, number>();
  const overlap = new Map<number, number>();
  const calls: ScriptedRunner['calls'] = [];
  let runId = 0;
  const run = async (_services: unknown, req: RunRequest): Promise<RunOutcome> => {
    const id = req.instanceId;
    const call: ScriptedRunner['calls'][number] = {
      instanceId: id,
      trigger: req.trigger,
      entities: req.entities,
      startedAt: Date.now(),
    };
    calls.push(call);
    const now = (running.get(id) ?? 0) + 1;
    running.set(id, now);
    overlap.set(id, Math.max(overlap.get(id) ?? 0, now));
    try {
      if (now > 1) return { runId: ++runId, status: 'skipped_already_running', counts: zero };
      const step = steps.get(id)?.shift() ?? { status: 'succeeded' as const };
      const delay = step.delayMs ?? defaultDelayMs;
      if (delay > 0) await abortableDelay(delay, req.signal);
      if (req.signal?.aborted) {
        call.aborted = true;
        return {
          runId: ++runId,
          status: 'failed',
          counts: zero,
          error: { code: 'ABORTED', kind: 'internal', message: 'run aborted' },
        };
      }
      const stamp = new Date().toISOString();
      if (step.status === 'failed') {
        const error = step.error ?? { code: 'VENDOR_DOWN', kind: 'vendor', message: 'the vendor said no' };
        const row = await db
          .selectFrom('integration_instances')
          .select('consecutive_failures')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        await db
          .updateTable('integration_instances')
          .set({
            consecutive_failures: row.consecutive_failures + 1,
            last_error: `${error.code}: ${error.message}`,
            last_error_at: stamp,
          })
          .where('id', '=', id)
          .execute();
        return { runId: ++runId, status: 'failed', counts: zero, error };
      }
      await db
        .updateTable('integration_instances')
        .set({ consecutive_failures: 0, last_sync_at: stamp })
        .where('id', '=', id)
        .execute();
      return { runId: ++runId, status: 'succeeded', counts: oneCreated };
    } finally {
      running.set(id, (running.get(id) ?? 1) - 1);
      call.endedAt = Date.now();
    }
  };
  return {
    run,
    calls,
    script: (id, ...s) => steps.set(id, [...(steps.get(id) ?? []), ...s]),
    maxOverlap: (id) => overlap.get(id) ?? 0,
  };
}

function abortableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
