// Closes a ticket: the status becomes the given closed status (default: the configured "Closed"), the
// closed date is set, and an optional note is recorded as an action, all in one transaction. This is what
// integrations call to close the tickets they opened (onboarding done, alert cleared).
import { requireAccess, type Ctx } from '../context.js';
import { invalidInput } from '../errors.js';
import { withTx } from '../../db/transaction.js';
import { referenceData } from '../lookups/reference-cache.js';
import { INTERNAL_NOTE_OUTCOME_ID, insertAction } from '../actions/insert-action.js';
import { updateTicketIn } from './update-ticket.js';
import type { TicketWire } from './presenter.js';

export interface CloseTicketOptions {
  /** A closed status; default the configured "Closed". */
  status_id?: number;
  /** Recorded as an action on the ticket (private unless `public` is true). */
  note?: string;
  /** Outcome of that action; default the Internal Note outcome (7). */
  outcome_id?: number;
  public?: boolean;
}

export async function closeTicket(
  ctx: Ctx,
  id: number,
  options: CloseTicketOptions = {},
): Promise<TicketWire> {
  requireAccess(ctx, 'tickets', 'edit');
  return withTx(ctx.db, async (tx) => {
    const ref = await referenceData(tx, { statuses: [options.status_id], outcomes: [options.outcome_id] });
    const status =
      options.status_id !== undefined ? ref.statuses.get(options.status_id) : ref.defaultClosedStatus;
    if (!status || status.is_closed !== 1) {
      throw invalidInput('status_id: must be a closed status', [
        {
          field: 'status_id',
          message:
            options.status_id === undefined
              ? 'no closed status is configured'
              : `status ${options.status_id} is not a closed status`,
        },
      ]);
    }
    const ticket = await updateTicketIn(ctx, tx, id, { status_id: status.id });
    if (options.note) {
      await insertAction(ctx, tx, ref, {
        ticket_id: id,
        outcome_id: options.outcome_id ?? INTERNAL_NOTE_OUTCOME_ID,
        note: options.note,
        hiddenfromuser: options.public !== true,
      });
    }
    return ticket;
  });
}
