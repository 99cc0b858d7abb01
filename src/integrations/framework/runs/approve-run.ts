// An admin's decision on a run the deletion guard stopped: approve applies the stored sweep (skipping
// records a later run has seen again), reject drops it. Either way nothing is ever hard-deleted.
import { isoNow, requireAdmin } from '../../../core/context.js';
import { conflict, notFound } from '../../../core/errors.js';
import { withTx } from '../../../db/transaction.js';
import type { EntityName } from '../contract.js';
import type { IntegrationCtx } from '../context.js';
import { loadInstanceRow, toInstance } from '../instances/instance.js';
import { loadMappings } from '../mappings/mapping.js';
import { applySweep, type SweepCandidate } from '../reconcile/sweep.js';
import type { EntityCounts } from '../reconcile/types.js';
import { writerFor } from '../reconcile/writers/index.js';
import type { PendingSweep } from './instance-status.js';

export interface Decision {
  runId: number;
  decision: 'approved' | 'rejected';
  inactivated: number;
  /** Candidates skipped because a later run saw them again (or they were already inactive). */
  skipped: number;
}

export async function decideRun(
  ctx: IntegrationCtx,
  runId: number,
  decision: 'approved' | 'rejected',
): Promise<Decision> {
  requireAdmin(ctx);
  return withTx(ctx.db, async (tx) => {
    const run = await tx
      .selectFrom('integration_runs')
      .selectAll()
      .where('id', '=', runId)
      .executeTakeFirst();
    if (!run) throw notFound('Run', runId);
    if (run.status !== 'needs_approval' || !run.pending_sweep_json)
      throw conflict(`Run ${runId} is not waiting for approval (status ${run.status})`, [
        { field: 'runId', message: 'is not waiting for approval' },
      ]);
    if (run.dry_run === 1)
      throw conflict(`Run ${runId} is a preview: run the import, then approve that run`, [
        { field: 'runId', message: 'is a preview (dry run)' },
      ]);
    const pending = JSON.parse(run.pending_sweep_json) as PendingSweep;
    const counts = JSON.parse(run.counts_json) as Partial<Record<EntityName, EntityCounts>>;
    const now = isoNow(ctx);
    let inactivated = 0;
    if (decision === 'approved') {
      const instance = toInstance(await loadInstanceRow(tx, run.instance_id));
      const w = {
        tx,
        instance,
        mappings: await loadMappings(tx, instance.id),
        now,
        agentId: instance.apiAgentId,
        log: ctx.log,
      };
      const byEntity = new Map<EntityName, SweepCandidate[]>();
      for (const c of pending.candidates) byEntity.set(c.entity, [...(byEntity.get(c.entity) ?? []), c]);
      for (const [entity, cands] of byEntity) {
        const links = new Map(
          (
            await tx
              .selectFrom('external_links')
              .select(['id', 'last_seen_run_id'])
              .where(
                'id',
                'in',
                cands.map((c) => c.linkId),
              )
              .execute()
          ).map((l) => [l.id, l.last_seen_run_id]),
        );
        const still = cands.filter((c) => links.has(c.linkId) && links.get(c.linkId) === c.lastSeenRunId);
        const done = await applySweep(w, writerFor(entity) as never, still);
        inactivated += done.length;
        const c = counts[entity];
        if (c) c.inactivated += done.length;
      }
    }
    const failed = Object.values(counts).some((c) => (c?.failed ?? 0) > 0);
    await tx
      .updateTable('integration_runs')
      .set({
        status: failed ? 'partial' : 'succeeded',
        sweep_decision: decision,
        decided_at: now,
        decided_by_agent_id: ctx.actor.agentId,
        counts_json: JSON.stringify(counts),
      })
      .where('id', '=', runId)
      .execute();
    return { runId, decision, inactivated, skipped: pending.candidates.length - inactivated };
  });
}
