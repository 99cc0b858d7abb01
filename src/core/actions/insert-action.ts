// Writes one action row inside a caller's transaction, after checking the outcome. The use cases
// (create-action, close-ticket, delete-ticket) decide everything else.
import type { Ctx } from '../context.js';
import { invalidInput } from '../errors.js';
import type { Tx } from '../../db/transaction.js';
import type { ReferenceData } from '../lookups/reference-cache.js';
import type { ActionInput } from './input.js';

/** The built-in private "Internal Note" outcome (CIPP falls back to 7). */
export const INTERNAL_NOTE_OUTCOME_ID = 7;

export const OUTCOME_REQUIRED = 'An Outcome must be entered for this Action';

export async function insertAction(
  ctx: Ctx,
  tx: Tx,
  ref: ReferenceData,
  input: ActionInput & { new_status_id?: number | null },
): Promise<number> {
  if (input.outcome_id === undefined || input.outcome_id <= 0)
    throw invalidInput(OUTCOME_REQUIRED, [{ field: 'outcome_id', message: OUTCOME_REQUIRED }]);
  const outcome = ref.outcomes.get(input.outcome_id);
  if (!outcome)
    throw invalidInput(`outcome_id: no outcome with id ${input.outcome_id}`, [
      { field: 'outcome_id', message: `no outcome with id ${input.outcome_id}` },
    ]);
  const now = ctx.now().toISOString();
  const { id } = await tx
    .insertInto('ticket_actions')
    .values({
      ticket_id: input.ticket_id,
      outcome_id: outcome.id,
      note: input.note ?? null,
      agent_id: ctx.actor.agentId,
      // A private outcome (Internal Note) is always hidden from the end user.
      hidden_from_user: input.hiddenfromuser === true || outcome.is_private === 1 ? 1 : 0,
      important: input.important === true ? 1 : 0,
      time_taken_hours: input.timetaken ?? null,
      new_status_id: input.new_status_id ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
