// Writing run rows: the row a run starts with, and the terminal states that need no run at all.
import type { Db } from '../../../db/transaction.js';
import type { EntityName } from '../contract.js';

export async function insertRun(
  db: Db,
  r: {
    instanceId: number;
    trigger: 'manual' | 'schedule' | 'auto' | 'api';
    dryRun: boolean;
    entities: EntityName[];
  },
): Promise<number> {
  const { id } = await db
    .insertInto('integration_runs')
    .values({
      instance_id: r.instanceId,
      trigger: r.trigger,
      dry_run: r.dryRun ? 1 : 0,
      status: 'running',
      entities_json: JSON.stringify(r.entities),
      started_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function markSkipped(db: Db, runId: number, holder: number | null): Promise<void> {
  await db
    .updateTable('integration_runs')
    .set({
      status: 'skipped_already_running',
      finished_at: new Date().toISOString(),
      error_code: 'ALREADY_RUNNING',
      error_kind: 'conflict',
      error_message: `Run ${holder ?? '?'} is still in progress for this instance`,
    })
    .where('id', '=', runId)
    .execute();
}

/**
 * Once a run holds the instance's lease, any other run of the instance still marked "running" has lost its
 * worker (killed, or its lease expired): it ends as failed.
 */
export async function markOthersAbandoned(db: Db, instanceId: number, runId: number): Promise<void> {
  await db
    .updateTable('integration_runs')
    .set({
      status: 'failed',
      finished_at: new Date().toISOString(),
      error_code: 'RUN_ABANDONED',
      error_kind: 'transient',
      error_message: 'The worker running this sync stopped before it finished',
    })
    .where('instance_id', '=', instanceId)
    .where('id', '!=', runId)
    .where('status', '=', 'running')
    .execute();
}
