// One run per instance across processes: a lease on the instance row, claimed with a conditional UPDATE and
// renewed while the run makes progress. An expired lease is reclaimable, and so is a lease whose owner was
// a process on this host that no longer exists (a killed worker does not block the next run until expiry).
import os from 'node:os';
import { AppError } from '../../../core/errors.js';
import type { Db, Tx } from '../../../db/transaction.js';

export const LEASE_SECONDS = 120;

export const leaseOwner = (): string => `${os.hostname()}:${process.pid}`;

const expiry = (now: Date): string => new Date(now.getTime() + LEASE_SECONDS * 1000).toISOString();

function ownerIsDeadHere(owner: string | null): boolean {
  if (!owner) return true;
  const i = owner.lastIndexOf(':');
  if (owner.slice(0, i) !== os.hostname()) return false;
  const pid = Number(owner.slice(i + 1));
  if (!Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export interface ClaimResult {
  claimed: boolean;
  /** The run that held the lease before it was reclaimed (to mark it abandoned), or that still holds it. */
  previousRunId: number | null;
}

export async function claimLease(db: Db, instanceId: number, runId: number, now: Date): Promise<ClaimResult> {
  const nowIso = now.toISOString();
  const r = await db
    .updateTable('integration_instances')
    .set({ running_run_id: runId, lease_expires_at: expiry(now), lease_owner: leaseOwner() })
    .where('id', '=', instanceId)
    .where((eb) => eb.or([eb('running_run_id', 'is', null), eb('lease_expires_at', '<', nowIso)]))
    .executeTakeFirst();
  const holder = await db
    .selectFrom('integration_instances')
    .select(['running_run_id', 'lease_owner'])
    .where('id', '=', instanceId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 1) return { claimed: true, previousRunId: null };
  const previous = holder?.running_run_id ?? null;
  if (holder && ownerIsDeadHere(holder.lease_owner)) {
    const stolen = await db
      .updateTable('integration_instances')
      .set({ running_run_id: runId, lease_expires_at: expiry(now), lease_owner: leaseOwner() })
      .where('id', '=', instanceId)
      .where('running_run_id', '=', previous)
      .executeTakeFirst();
    if (Number(stolen.numUpdatedRows) === 1) return { claimed: true, previousRunId: previous };
  }
  return { claimed: false, previousRunId: previous };
}

/** Extends the lease; throws LEASE_LOST when another worker has taken the instance over. */
export async function renewLease(db: Db | Tx, instanceId: number, runId: number, now: Date): Promise<void> {
  const r = await db
    .updateTable('integration_instances')
    .set({ lease_expires_at: expiry(now) })
    .where('id', '=', instanceId)
    .where('running_run_id', '=', runId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1)
    throw new AppError('LEASE_LOST', 'transient', 'Another worker took over this instance; this run stopped');
}

/** Query fragment values to release the lease (used inside the run's final transaction). */
export const releasedLease = { running_run_id: null, lease_expires_at: null, lease_owner: null } as const;
