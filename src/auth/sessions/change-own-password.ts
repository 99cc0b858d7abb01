// A signed-in agent changes its own password: the current one is required, and every other console session
// of the agent ends (the one making the change stays signed in).
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/transaction.js';
import { withTx } from '../../db/transaction.js';
import { hashSecret, verifySecret } from '../password-hash.js';
import { assertPasswordAcceptable } from '../password-policy.js';
import { sha256Hex } from '../secrets.js';

export const wrongCurrentPassword = () =>
  new AppError('INVALID_CREDENTIALS', 'auth', 'The current password is wrong', {
    details: [{ field: 'current_password', message: 'is wrong' }],
  });

export async function changeOwnPassword(
  db: Db,
  input: { agentId: number; sessionId: string; currentPassword: string; newPassword: string },
  now: Date,
): Promise<void> {
  assertPasswordAcceptable(input.newPassword, 'new_password');
  const agent = await db
    .selectFrom('agents')
    .select(['id', 'password_hash'])
    .where('id', '=', input.agentId)
    .executeTakeFirst();
  if (!agent?.password_hash || !(await verifySecret(input.currentPassword, agent.password_hash)))
    throw wrongCurrentPassword();
  const hash = await hashSecret(input.newPassword);
  await withTx(db, async (tx) => {
    await tx
      .updateTable('agents')
      .set({ password_hash: hash, updated_at: now.toISOString() })
      .where('id', '=', input.agentId)
      .execute();
    await tx
      .deleteFrom('agent_sessions')
      .where('agent_id', '=', input.agentId)
      .where('session_hash', '!=', sha256Hex(input.sessionId))
      .execute();
  });
}
