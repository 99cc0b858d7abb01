// Removes an action from its ticket.
import { requireAccess, type Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { withTx } from '../../db/transaction.js';

export async function deleteAction(ctx: Ctx, id: number): Promise<{ id: number; deleted: true }> {
  requireAccess(ctx, 'tickets', 'edit');
  return withTx(ctx.db, async (tx) => {
    const res = await tx.deleteFrom('ticket_actions').where('id', '=', id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw notFound('Action', id);
    return { id, deleted: true as const };
  });
}
