// Starts a run in the background and answers as soon as its row exists (the console polls the run).
import { requireAdmin } from '../../../core/context.js';
import type { Services } from '../../../services.js';
import type { EntityName } from '../contract.js';
import type { IntegrationCtx } from '../context.js';
import { loadInstanceRow } from '../instances/instance.js';
import { runInstance } from './run-instance.js';
import type { RunOutcome } from './outcome.js';

export interface StartedRun {
  runId: number;
  /** Settles when the run ends (never rejects). */
  done: Promise<RunOutcome>;
}

export async function startRun(
  ctx: IntegrationCtx,
  services: Services,
  req: { instanceId: number; dryRun?: boolean; entities?: EntityName[]; trigger: 'manual' | 'api' },
): Promise<StartedRun> {
  requireAdmin(ctx);
  await loadInstanceRow(ctx.db, req.instanceId); // 404 before anything starts
  let created: (id: number) => void = () => undefined;
  const runIdReady = new Promise<number>((resolve) => (created = resolve));
  const done = runInstance(services, { ...req, onRunCreated: created });
  void done.then((o) => created(o.runId));
  return { runId: await runIdReady, done };
}
