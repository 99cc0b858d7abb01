// Pausing an instance after too many consecutive failures, and resuming it. The runner counts
// consecutive_failures; the integrator decides when that count means "stop trying until a human looks".
import type { Db } from '../db/transaction.js';

export function pausedReasonText(failures: number, lastError: string | null): string {
  const base = `Paused after ${failures} consecutive failures`;
  return lastError ? `${base}; last error: ${lastError.slice(0, 400)}` : base;
}

/**
 * Sets paused_reason when the instance has reached `threshold` consecutive failures and is not paused yet.
 * Returns the reason when this call paused it (exactly one caller wins), else undefined.
 */
export async function pauseIfOverThreshold(
  db: Db,
  instanceId: number,
  threshold: number,
  lastError: string | null,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('integration_instances')
    .select(['consecutive_failures', 'paused_reason'])
    .where('id', '=', instanceId)
    .executeTakeFirst();
  if (!row || row.paused_reason !== null || row.consecutive_failures < threshold) return undefined;
  const reason = pausedReasonText(row.consecutive_failures, lastError);
  const now = new Date().toISOString();
  const result = await db
    .updateTable('integration_instances')
    .set({ paused_reason: reason, updated_at: now })
    .where('id', '=', instanceId)
    .where('paused_reason', 'is', null)
    .where('consecutive_failures', '>=', threshold)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? reason : undefined;
}

/**
 * Resumes a paused instance: clears paused_reason and the failure count (and enables it), so the
 * scheduler picks it up again at its next reload. The admin API's "enable" should call this too.
 * Returns false when there is no such instance.
 */
export async function resumeInstance(db: Db, instanceId: number): Promise<boolean> {
  const result = await db
    .updateTable('integration_instances')
    .set({ paused_reason: null, consecutive_failures: 0, enabled: 1, updated_at: new Date().toISOString() })
    .where('id', '=', instanceId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
