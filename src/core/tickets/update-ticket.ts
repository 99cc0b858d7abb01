// Partially updates a ticket (Halo: POST /Tickets with an id). Only the fields given change. Moving into a
// closed status sets the closed date; moving out of one (re-opening) clears it. When the customer or site
// changes and the lower levels were not given, a user or site that no longer belongs is dropped.
import type { Updateable } from 'kysely';
import { requireAccess, type Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { withTx, type Tx } from '../../db/transaction.js';
import type { TicketTable } from '../../db/schema.js';
import { referenceData } from '../lookups/reference-cache.js';
import { resolveAgent, resolveTeam } from './assignment.js';
import { cleanText, normaliseDate } from './create-ticket.js';
import { getTicketIn } from './get-ticket.js';
import { CATEGORY_FIELDS, type TicketInput } from './input.js';
import { isGivenId, mergeParties } from './parties.js';
import type { TicketWire } from './presenter.js';
import {
  checkLookup,
  checkPriority,
  checkSla,
  closedAtAfter,
  statusOf,
  ticketTypeOf,
} from './reference-fields.js';
import { invalidInput } from '../errors.js';

type TicketRow = {
  id: number;
  customer_id: number | null;
  site_id: number | null;
  user_id: number | null;
  closed_at: string | null;
};

async function loadForUpdate(tx: Tx, id: number): Promise<TicketRow> {
  const row = await tx
    .selectFrom('tickets')
    .select(['id', 'customer_id', 'site_id', 'user_id', 'closed_at'])
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  if (!row) throw notFound('Ticket', id);
  return row;
}

export async function updateTicketIn(ctx: Ctx, tx: Tx, id: number, input: TicketInput): Promise<TicketWire> {
  const now = ctx.now().toISOString();
  const existing = await loadForUpdate(tx, id);
  const ref = await referenceData(tx, {
    ticketTypes: [input.tickettype_id],
    statuses: [input.status_id],
    priorities: [input.priority_id],
    slas: [input.sla_id],
    lookups: [input.urgency, input.impact],
  });
  const set: Updateable<TicketTable> = { updated_at: now };

  if (input.summary !== undefined) {
    const summary = input.summary.trim();
    if (!summary)
      throw invalidInput('summary: must not be empty', [{ field: 'summary', message: 'must not be empty' }]);
    set.summary = summary;
  }
  if (input.details !== undefined) set.details = input.details;
  if (input.tickettype_id !== undefined) set.tickettype_id = ticketTypeOf(ref, input.tickettype_id).id;
  if (input.status_id !== undefined) {
    const status = statusOf(ref, input.status_id);
    set.status_id = status.id;
    set.closed_at = closedAtAfter(existing, status, now);
  }
  if (input.priority_id !== undefined) {
    set.priority_id = isGivenId(input.priority_id) ? input.priority_id : null;
    checkPriority(ref, set.priority_id);
  }
  if (input.sla_id !== undefined) {
    set.sla_id = isGivenId(input.sla_id) ? input.sla_id : null;
    checkSla(ref, set.sla_id);
  }
  for (const f of ['urgency', 'impact'] as const) {
    if (input[f] === undefined) continue;
    const v = isGivenId(input[f]) ? input[f] : null;
    checkLookup(ref, f, v);
    set[f] = v;
  }
  for (const f of CATEGORY_FIELDS) if (input[f] !== undefined) set[f] = cleanText(input[f]);
  if (input.dateoccurred !== undefined)
    set.opened_at = normaliseDate('dateoccurred', input.dateoccurred, now);

  if (input.client_id !== undefined || input.site_id !== undefined || input.user_id !== undefined) {
    const p = await mergeParties(tx, existing, input);
    set.customer_id = p.customer_id;
    set.site_id = p.site_id;
    set.user_id = p.user_id;
  }
  if (input.agent_id !== undefined)
    set.agent_id = isGivenId(input.agent_id) ? (await resolveAgent(tx, input.agent_id)).id : null;
  if (input.team !== undefined || input.team_id !== undefined)
    set.team_id = (await resolveTeam(tx, input))?.id ?? null;

  await tx.updateTable('tickets').set(set).where('id', '=', id).execute();
  return getTicketIn(tx, id);
}

export async function updateTicket(ctx: Ctx, id: number, input: TicketInput): Promise<TicketWire> {
  requireAccess(ctx, 'tickets', 'edit');
  return withTx(ctx.db, (tx) => updateTicketIn(ctx, tx, id, input));
}
