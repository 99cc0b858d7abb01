// Adds an action (note) to a ticket. outcome_id is required, as in Halo. new_status / new_agent / new_team
// change the ticket in the same transaction (closing through an action sets the closed date as usual).
import { requireAccess, type Ctx } from '../context.js';
import { invalidInput, isAppError } from '../errors.js';
import { withTx } from '../../db/transaction.js';
import { referenceData } from '../lookups/reference-cache.js';
import { updateTicketIn } from '../tickets/update-ticket.js';
import type { TicketInput } from '../tickets/input.js';
import { getActionIn } from './get-action.js';
import { insertAction, OUTCOME_REQUIRED } from './insert-action.js';
import type { ActionInput } from './input.js';
import type { ActionWire } from './presenter.js';

export async function createAction(ctx: Ctx, input: ActionInput): Promise<ActionWire> {
  requireAccess(ctx, 'tickets', 'edit');
  if (input.outcome_id === undefined || input.outcome_id <= 0)
    throw invalidInput(OUTCOME_REQUIRED, [{ field: 'outcome_id', message: OUTCOME_REQUIRED }]);
  return withTx(ctx.db, async (tx) => {
    const ticket = await tx
      .selectFrom('tickets')
      .select('id')
      .where('id', '=', input.ticket_id)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    if (!ticket)
      throw invalidInput(`ticket_id: no ticket with id ${input.ticket_id}`, [
        { field: 'ticket_id', message: `no ticket with id ${input.ticket_id}` },
      ]);
    const ref = await referenceData(tx, { outcomes: [input.outcome_id], statuses: [input.new_status] });
    const change: TicketInput = {};
    if (input.new_status !== undefined && input.new_status > 0) change.status_id = input.new_status;
    if (input.new_agent !== undefined) change.agent_id = input.new_agent;
    if (input.new_team !== undefined) change.team = input.new_team;
    // The ticket's last update is its last action; a change (status, agent, team) goes through the ticket
    // update so closing via an action sets the closed date exactly as closing the ticket does.
    if (Object.keys(change).length === 0) {
      await tx
        .updateTable('tickets')
        .set({ updated_at: ctx.now().toISOString() })
        .where('id', '=', input.ticket_id)
        .execute();
    } else {
      try {
        await updateTicketIn(ctx, tx, input.ticket_id, change);
      } catch (e) {
        throw renameTicketFields(e);
      }
    }
    const id = await insertAction(ctx, tx, ref, { ...input, new_status_id: change.status_id ?? null });
    return getActionIn(tx, id);
  });
}

// Errors from the ticket update name ticket fields; on an action they are new_status/new_agent/new_team.
const RENAMES: Record<string, string> = {
  status_id: 'new_status',
  agent_id: 'new_agent',
  team: 'new_team',
  team_id: 'new_team',
};
function renameTicketFields(e: unknown): unknown {
  if (!isAppError(e) || e.kind !== 'input') return e;
  const details = e.details.map((d) => ({ field: RENAMES[d.field] ?? d.field, message: d.message }));
  return invalidInput(details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
}
