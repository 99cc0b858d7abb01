// "Deleting" an agent disables it (isdisabled): tickets, actions and audit records keep their author, and a
// disabled agent's permissions resolve to nothing (src/auth).
import { withTx } from '../../db/transaction.js';
import { isoNow, requireAccess, type Ctx } from '../context.js';
import { loadAgent, type Agent } from './agent.js';

export async function deleteAgent(ctx: Ctx, id: number): Promise<Agent> {
  requireAccess(ctx, 'agents', 'edit');
  return withTx(ctx.db, async (tx) => {
    await loadAgent(tx, id);
    await tx
      .updateTable('agents')
      .set({ inactive: 1, updated_at: isoNow(ctx) })
      .where('id', '=', id)
      .execute();
    return loadAgent(tx, id);
  });
}
