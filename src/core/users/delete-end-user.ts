// "Deleting" an end user deactivates it: tickets keep their requester (DESIGN §4.6).
import { withTx } from '../../db/transaction.js';
import { isoNow, requireAccess, type Ctx } from '../context.js';
import { loadEndUser, type EndUser } from './end-user.js';

export async function deleteEndUser(ctx: Ctx, id: number): Promise<EndUser> {
  requireAccess(ctx, 'customers', 'edit');
  return withTx(ctx.db, async (tx) => {
    await loadEndUser(tx, id);
    await tx
      .updateTable('end_users')
      .set({ inactive: 1, updated_at: isoNow(ctx) })
      .where('id', '=', id)
      .execute();
    return loadEndUser(tx, id);
  });
}
