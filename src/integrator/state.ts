// Per-instance integrator state kept in the database, so it survives restarts and is shared by every
// integrator process: the last claimed schedule tick and what the last notification said.
// Every change is one conditional UPDATE, which is atomic on both dialects: of two processes racing,
// exactly one sees "1 row changed" and acts.
import type { Db } from '../db/transaction.js';
import type { NotifiedState } from '../db/schema/integrator.js';

export async function ensureState(db: Db, instanceId: number): Promise<void> {
  await db
    .insertInto('integrator_instance_state')
    .values({
      instance_id: instanceId,
      last_scheduled_at: null,
      notified_at: null,
      pause_after_failures: null,
      updated_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column('instance_id').doNothing())
    .execute();
}

/**
 * Claims the schedule tick `tickAt` (the cron's nominal time, identical in every process) for this
 * instance. True for exactly one caller per tick; later or duplicate claims of the same tick get false.
 */
export async function claimTick(db: Db, instanceId: number, tickAt: Date): Promise<boolean> {
  await ensureState(db, instanceId);
  const tick = tickAt.toISOString();
  const result = await db
    .updateTable('integrator_instance_state')
    .set({ last_scheduled_at: tick, updated_at: new Date().toISOString() })
    .where('instance_id', '=', instanceId)
    .where((eb) => eb.or([eb('last_scheduled_at', 'is', null), eb('last_scheduled_at', '<', tick)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Moves the notified state from one of `from` to `to`; true only for the caller that made the change. */
export async function transitionNotified(
  db: Db,
  instanceId: number,
  from: readonly NotifiedState[],
  to: NotifiedState,
): Promise<boolean> {
  await ensureState(db, instanceId);
  const now = new Date().toISOString();
  const result = await db
    .updateTable('integrator_instance_state')
    .set({ notified_state: to, notified_at: now, updated_at: now })
    .where('instance_id', '=', instanceId)
    .where('notified_state', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The pause threshold for an instance: its own override, else the global setting. */
export async function pauseThreshold(db: Db, instanceId: number, globalDefault: number): Promise<number> {
  const row = await db
    .selectFrom('integrator_instance_state')
    .select('pause_after_failures')
    .where('instance_id', '=', instanceId)
    .executeTakeFirst();
  return row?.pause_after_failures ?? globalDefault;
}

export async function setPauseThreshold(db: Db, instanceId: number, threshold: number | null): Promise<void> {
  await ensureState(db, instanceId);
  await db
    .updateTable('integrator_instance_state')
    .set({ pause_after_failures: threshold, updated_at: new Date().toISOString() })
    .where('instance_id', '=', instanceId)
    .execute();
}
