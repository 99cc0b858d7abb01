// Deletes a ticket the Halo way (DELETE /Tickets/{id}?reason=): it is marked deleted and disappears from
// lists and reads; nothing is removed, and the reason is kept as a private action for the record.
import { requireAccess, type Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { withTx } from '../../db/transaction.js';
import { referenceData } from '../lookups/reference-cache.js';
import { INTERNAL_NOTE_OUTCOME_ID, insertAction } from '../actions/insert-action.js';

export async function deleteTicket(
  ctx: Ctx,
  id: number,
  reason?: string,
): Promise<{ id: number; deleted: true }> {
  requireAccess(ctx, 'tickets', 'edit');
  const now = ctx.now().toISOString();
  return withTx(ctx.db, async (tx) => {
    const res = await tx
      .updateTable('tickets')
      .set({ deleted: 1, updated_at: now })
      .where('id', '=', id)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound('Ticket', id);
    const ref = await referenceData(tx);
    if (reason?.trim() && ref.outcomes.has(INTERNAL_NOTE_OUTCOME_ID)) {
      await insertAction(ctx, tx, ref, {
        ticket_id: id,
        outcome_id: INTERNAL_NOTE_OUTCOME_ID,
        note: `Ticket deleted: ${reason.trim()}`,
        hiddenfromuser: true,
      });
    }
    return { id, deleted: true as const };
  });
}
