// The per-(instance, entity) checkpoint: the cursor to resume from, the read generation of the current
// full read, and removals an incremental read reported but that are not yet applied.
import type { Db, Tx } from '../../../db/transaction.js';
import type { EntityName } from '../contract.js';

export interface CursorState {
  cursor: unknown;
  generation: number | null;
  fullInProgress: boolean;
  pendingRemoved: string[];
}

export async function loadCursor(
  db: Db | Tx,
  instanceId: number,
  entity: EntityName,
): Promise<CursorState | undefined> {
  const r = await db
    .selectFrom('sync_cursors')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .where('entity', '=', entity)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    cursor: r.cursor_json === null ? undefined : (JSON.parse(r.cursor_json) as unknown),
    generation: r.generation,
    fullInProgress: r.full_in_progress === 1,
    pendingRemoved: r.pending_removed_json ? (JSON.parse(r.pending_removed_json) as string[]) : [],
  };
}

export interface SaveCursor {
  cursor: unknown;
  generation: number;
  fullInProgress: boolean;
  pendingRemoved: string[];
  /** Set when a full read just completed. */
  fullCompletedAt?: string;
}

export async function saveCursor(
  tx: Tx,
  instanceId: number,
  entity: EntityName,
  s: SaveCursor,
  now: string,
): Promise<void> {
  const values = {
    cursor_json: s.cursor === undefined ? null : JSON.stringify(s.cursor),
    generation: s.generation,
    full_in_progress: s.fullInProgress ? 1 : 0,
    pending_removed_json: s.pendingRemoved.length ? JSON.stringify(s.pendingRemoved) : null,
    updated_at: now,
    ...(s.fullCompletedAt ? { last_full_at: s.fullCompletedAt } : {}),
  };
  await tx
    .insertInto('sync_cursors')
    .values({ instance_id: instanceId, entity, ...values })
    .onConflict((oc) => oc.columns(['instance_id', 'entity']).doUpdateSet(values))
    .execute();
}
