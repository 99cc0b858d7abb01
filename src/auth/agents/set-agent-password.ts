import { requireAdmin, isoNow, type Ctx } from '../../core/context.js';
import { invalidInput, notFound } from '../../core/errors.js';
import { withTx } from '../../db/transaction.js';
import { hashSecret } from '../password-hash.js';
import { assertPasswordAcceptable } from '../password-policy.js';

/** Sets an agent's password (admin only) and ends its other console sessions. */
export async function setAgentPassword(ctx: Ctx, agentId: number, password: string): Promise<void> {
  requireAdmin(ctx);
  assertPasswordAcceptable(password);
  const hash = await hashSecret(password);
  await withTx(ctx.db, async (tx) => {
    const agent = await tx
      .selectFrom('agents')
      .select(['id', 'login', 'is_api_only'])
      .where('id', '=', agentId)
      .executeTakeFirst();
    if (!agent) throw notFound('Agent', agentId);
    if (agent.is_api_only === 1)
      throw invalidInput('API-only agents cannot have a password', [
        { field: 'password', message: 'not allowed for an API-only agent' },
      ]);
    if (!agent.login)
      throw invalidInput('Give the agent a login before setting a password', [
        { field: 'login', message: 'is required with a password' },
      ]);
    await tx
      .updateTable('agents')
      .set({ password_hash: hash, updated_at: isoNow(ctx) })
      .where('id', '=', agentId)
      .execute();
    await tx.deleteFrom('agent_sessions').where('agent_id', '=', agentId).execute();
  });
}
