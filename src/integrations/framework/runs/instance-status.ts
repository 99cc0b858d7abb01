// The run's final update and the instance's Last Sync / Last Error / consecutive failures, in ONE
// transaction that also releases the lease.
import { transact, type Db } from '../../../db/transaction.js';
import type { RunStatus } from '../../../db/schema/integrations.js';
import type { EntityName } from '../contract.js';
import type { EntityResult } from '../reconcile/run-entity.js';
import type { SweepCandidate } from '../reconcile/sweep.js';
import type { PreviewChange } from '../reconcile/types.js';
import { releasedLease } from './lease.js';

export interface Finish {
  runId: number;
  instanceId: number;
  status: RunStatus;
  dryRun: boolean;
  error: { code: string; kind: string; message: string } | undefined;
  results: Partial<Record<EntityName, EntityResult>>;
  pending?: SweepCandidate[];
  preview?: PreviewChange[];
}

/** The pending sweep stored on a needs_approval run. */
export interface PendingSweep {
  reasons: Partial<Record<EntityName, string>>;
  candidates: SweepCandidate[];
}

const perEntity = <T>(results: Finish['results'], pick: (r: EntityResult) => T) =>
  JSON.stringify(Object.fromEntries(Object.entries(results).map(([k, r]) => [k, r ? pick(r) : null])));

export async function finishInstanceStatus(db: Db, f: Finish): Promise<void> {
  const now = new Date().toISOString();
  const reasons = Object.fromEntries(
    Object.entries(f.results)
      .filter(([, r]) => r?.sweepReason)
      .map(([k, r]) => [k, r?.sweepReason]),
  );
  const pending: PendingSweep | null = f.pending?.length ? { reasons, candidates: f.pending } : null;
  await transact(db, async (tx) => {
    await tx
      .updateTable('integration_runs')
      .set({
        status: f.status,
        finished_at: now,
        modes_json: perEntity(f.results, (r) => r.mode ?? null),
        counts_json: perEntity(f.results, (r) => r.counts),
        cursor_before_json: perEntity(f.results, (r) => r.cursorBefore ?? null),
        cursor_after_json: perEntity(f.results, (r) => r.cursorAfter ?? null),
        error_code: f.error?.code ?? null,
        error_kind: f.error?.kind ?? null,
        error_message: f.error?.message ?? null,
        pending_sweep_json: pending ? JSON.stringify(pending) : null,
        preview_json: f.dryRun && f.preview ? JSON.stringify(f.preview) : null,
        progress_json: null,
      })
      .where('id', '=', f.runId)
      .execute();
    const base = tx.updateTable('integration_instances').where('id', '=', f.instanceId);
    await base.set({ last_run_id: f.runId, updated_at: now }).execute();
    if (!f.dryRun && f.status === 'failed') {
      await base
        .set((eb) => ({
          last_error: f.error?.message ?? 'The run failed',
          last_error_at: now,
          consecutive_failures: eb('consecutive_failures', '+', 1),
        }))
        .execute();
    } else if (!f.dryRun) {
      const partial = f.status === 'partial';
      await base
        .set({
          last_sync_at: now,
          consecutive_failures: 0,
          last_error: partial ? 'Some records failed; see the run' : null,
          last_error_at: partial ? now : null,
        })
        .execute();
    }
    await tx
      .updateTable('integration_instances')
      .set(releasedLease)
      .where('id', '=', f.instanceId)
      .where('running_run_id', '=', f.runId)
      .execute();
  });
}
