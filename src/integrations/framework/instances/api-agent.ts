// Every instance acts as its own API-only agent ("Integration: <name>"), so records it changes are
// attributed to it (Halo's recommended API-only agent for the Integrator).
import type { Tx } from '../../../db/transaction.js';

export async function createApiAgent(tx: Tx, instanceName: string, now: string): Promise<number> {
  const { id } = await tx
    .insertInto('agents')
    .values({ name: `Integration: ${instanceName}`, is_api_only: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function renameApiAgent(
  tx: Tx,
  agentId: number | null,
  instanceName: string,
  now: string,
): Promise<void> {
  if (agentId === null) return;
  await tx
    .updateTable('agents')
    .set({ name: `Integration: ${instanceName}`, updated_at: now })
    .where('id', '=', agentId)
    .execute();
}
