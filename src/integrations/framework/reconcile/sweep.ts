// Sweeps happen only after a complete, error-free full read (records not seen in this read generation), or
// for ids an incremental read reported removed — and always through the deletion guard: over the instance's
// absolute or percentage threshold, or an empty read that would remove anything, the run waits for approval.
import type { Tx } from '../../../db/transaction.js';
import type { EntityName } from '../contract.js';
import type { Instance } from '../instances/instance.js';
import type { RecordWriter, WriteCtx } from './types.js';

/** One record a sweep would inactivate; stored on a needs_approval run. */
export interface SweepCandidate {
  entity: EntityName;
  linkId: number;
  recordId: number;
  externalId: string;
  name: string | null;
  /** The link's generation when proposed: if a later run sees the record again, approval skips it. */
  lastSeenRunId: number | null;
}

/**
 * Linked, still-active records of this type not seen in `generation`, found in SQL (a live read stamps every
 * link it sees); `seen` is for dry runs only, whose stamps were rolled back.
 */
export async function fullReadCandidates(
  tx: Tx,
  entity: EntityName,
  writer: RecordWriter<unknown>,
  instanceId: number,
  generation: number,
  seen: ReadonlySet<string> | undefined,
): Promise<SweepCandidate[]> {
  const links = await tx
    .selectFrom('external_links')
    .select(['id', 'record_id', 'external_id', 'external_name', 'last_seen_run_id'])
    .where('instance_id', '=', instanceId)
    .where('record_type', '=', writer.recordType)
    .where((eb) => eb.or([eb('last_seen_run_id', 'is', null), eb('last_seen_run_id', '!=', generation)]))
    .execute();
  return activeOnly(tx, entity, writer, seen ? links.filter((l) => !seen.has(l.external_id)) : links);
}

/** Linked, still-active records for the external ids an incremental read reported removed. */
export async function removedCandidates(
  tx: Tx,
  entity: EntityName,
  writer: RecordWriter<unknown>,
  instanceId: number,
  externalIds: string[],
): Promise<SweepCandidate[]> {
  if (externalIds.length === 0) return [];
  const links = await tx
    .selectFrom('external_links')
    .select(['id', 'record_id', 'external_id', 'external_name', 'last_seen_run_id'])
    .where('instance_id', '=', instanceId)
    .where('record_type', '=', writer.recordType)
    .where('external_id', 'in', externalIds)
    .execute();
  return activeOnly(tx, entity, writer, links);
}

type LinkRow = {
  id: number;
  record_id: number;
  external_id: string;
  external_name: string | null;
  last_seen_run_id: number | null;
};

async function activeOnly(
  tx: Tx,
  entity: EntityName,
  writer: RecordWriter<unknown>,
  links: LinkRow[],
): Promise<SweepCandidate[]> {
  const active = new Set<number>();
  for (let i = 0; i < links.length; i += 500)
    for (const id of await writer.active(
      tx,
      links.slice(i, i + 500).map((l) => l.record_id),
    ))
      active.add(id);
  return links
    .filter((l) => active.has(l.record_id))
    .map((l) => ({
      entity,
      linkId: l.id,
      recordId: l.record_id,
      externalId: l.external_id,
      name: l.external_name,
      lastSeenRunId: l.last_seen_run_id,
    }));
}

export interface GuardVerdict {
  allowed: boolean;
  reason?: string;
}

/** The deletion guard. `seenCount` is undefined for incremental removals (no empty-read rule). */
export async function guard(
  tx: Tx,
  instance: Instance,
  writer: RecordWriter<unknown>,
  candidates: number,
  seenCount: number | undefined,
): Promise<GuardVerdict> {
  if (candidates === 0) return { allowed: true };
  if (seenCount === 0)
    return {
      allowed: false,
      reason: `the source returned no records but ${candidates} would be inactivated`,
    };
  if (candidates > instance.sweepMaxAbsolute)
    return {
      allowed: false,
      reason: `${candidates} records would be inactivated (limit ${instance.sweepMaxAbsolute})`,
    };
  const { n } = await tx
    .selectFrom('external_links')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('instance_id', '=', instance.id)
    .where('record_type', '=', writer.recordType)
    .executeTakeFirstOrThrow();
  const total = Number(n);
  // Percentages of tiny sets are noise (1 of 3 is 33 %): the percentage applies from 10 linked records.
  if (total >= 10 && candidates * 100 > instance.sweepMaxPercent * total) {
    return {
      allowed: false,
      reason: `${candidates} of ${total} records (${Math.round((candidates * 100) / total)} %) would be inactivated (limit ${instance.sweepMaxPercent} %)`,
    };
  }
  return { allowed: true };
}

/** Applies a sweep: the writer's sweep semantics, and the links' hashes cleared so a reappearing record is rewritten. */
export async function applySweep(
  w: WriteCtx,
  writer: RecordWriter<unknown>,
  candidates: SweepCandidate[],
): Promise<SweepCandidate[]> {
  const changed = new Set<number>();
  for (let i = 0; i < candidates.length; i += 500)
    for (const id of await writer.sweep(
      w,
      candidates.slice(i, i + 500).map((c) => c.recordId),
    ))
      changed.add(id);
  const done = candidates.filter((c) => changed.has(c.recordId));
  for (let i = 0; i < done.length; i += 500) {
    await w.tx
      .updateTable('external_links')
      .set({ content_hash: null, updated_at: w.now })
      .where(
        'id',
        'in',
        done.slice(i, i + 500).map((c) => c.linkId),
      )
      .execute();
  }
  return done;
}
