// Partially updates an action (DRMM marks the first action important this way, as {id: 1, ticket_id}). The outcome may change but
// can't be removed; the note, visibility, importance and time taken may change.
import { requireAccess, type Ctx } from '../context.js';
import { invalidInput, notFound } from '../errors.js';
import { resolveActionId } from './resolve-action-id.js';
import { withTx } from '../../db/transaction.js';
import { referenceData } from '../lookups/reference-cache.js';
import { getActionIn } from './get-action.js';
import type { ActionInput } from './input.js';
import type { ActionWire } from './presenter.js';

export async function updateAction(ctx: Ctx, ref: number, input: Partial<ActionInput>): Promise<ActionWire> {
  requireAccess(ctx, 'tickets', 'edit');
  const now = ctx.now().toISOString();
  return withTx(ctx.db, async (tx) => {
    // With a ticket_id, `ref` may be Halo's per-ticket action number (see resolve-action-id.ts).
    const id = await resolveActionId(tx, ref, input.ticket_id);
    const existing = await getActionIn(tx, id).catch(() => null);
    if (!existing) throw notFound('Action', ref);
    const set: Record<string, string | number | null> = { updated_at: now };
    if (input.outcome_id !== undefined) {
      const ref = await referenceData(tx, { outcomes: [input.outcome_id] });
      if (!ref.outcomes.has(input.outcome_id))
        throw invalidInput(`outcome_id: no outcome with id ${input.outcome_id}`, [
          { field: 'outcome_id', message: `no outcome with id ${input.outcome_id}` },
        ]);
      set.outcome_id = input.outcome_id;
    }
    if (input.note !== undefined) set.note = input.note;
    if (input.hiddenfromuser !== undefined) set.hidden_from_user = input.hiddenfromuser ? 1 : 0;
    if (input.important !== undefined) set.important = input.important ? 1 : 0;
    if (input.timetaken !== undefined) set.time_taken_hours = input.timetaken;
    await tx.updateTable('ticket_actions').set(set).where('id', '=', id).execute();
    return getActionIn(tx, id);
  });
}
