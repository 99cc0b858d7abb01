// Opens a ticket. Defaults come from the ticket type (initial status, SLA, priority, team); the customer and
// site follow from the user or site given. Validation costs at most three indexed reads (parties, agent,
// team); reference data comes from the in-memory cache. One transaction, and the reply is presented from the
// inserted row and the names already read, so there is no second read. As in Halo, the ticket opens with its
// first action (outcome "Logged", the details as its note, by the creating agent): integrations such as Datto
// RMM edit "action 1" of a ticket they just created.
import { requireAccess, type Ctx } from '../context.js';
import { invalidInput } from '../errors.js';
import { withTx } from '../../db/transaction.js';
import { referenceData } from '../lookups/reference-cache.js';
import { resolveAgent, resolveTeam } from './assignment.js';
import { isGivenId, resolveParties } from './parties.js';
import { CATEGORY_FIELDS, type TicketInput } from './input.js';
import {
  checkLookup,
  checkPriority,
  checkSla,
  closedAtAfter,
  initialStatus,
  statusOf,
  ticketTypeOf,
} from './reference-fields.js';
import { presentTicket, type TicketWire } from './presenter.js';
import type { Tx } from '../../db/transaction.js';
import type { Insertable } from 'kysely';
import type { TicketActionTable, TicketTable } from '../../db/schema.js';
import { prepared } from '../shared/prepared.js';

const bad = (field: string, message: string) => invalidInput(`${field}: ${message}`, [{ field, message }]);

export function normaliseDate(field: string, value: string | undefined, fallback: string): string {
  if (value === undefined || value.trim() === '') return fallback;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw bad(field, 'must be an ISO-8601 date and time');
  return d.toISOString();
}

export const cleanText = (v: string | null | undefined): string | null => {
  if (v === undefined || v === null) return null;
  const t = v.trim();
  return t === '' ? null : t;
};

type NewTicket = Omit<Insertable<TicketTable>, 'id' | 'deleted'>;
const NEW_TICKET_COLUMNS = [
  'summary',
  'details',
  'customer_id',
  'site_id',
  'user_id',
  'agent_id',
  'team_id',
  'status_id',
  'priority_id',
  'sla_id',
  'tickettype_id',
  'category_1',
  'category_2',
  'category_3',
  'category_4',
  'urgency',
  'impact',
  'opened_at',
  'closed_at',
  'created_by_agent_id',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof NewTicket)[];
// The insert runs on every ticket create: prepared once instead of built each time.
const insertTicket = prepared(
  (db, params) =>
    db
      .insertInto('tickets')
      .values(Object.fromEntries(NEW_TICKET_COLUMNS.map((c, i) => [c, params[i]])) as unknown as NewTicket)
      .returningAll(),
  NEW_TICKET_COLUMNS.length,
);

// The opening action, inserted right after the ticket in the same transaction (one more prepared INSERT).
const OPENING_ACTION_COLUMNS = [
  'ticket_id',
  'outcome_id',
  'note',
  'agent_id',
  'hidden_from_user',
  'important',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof Insertable<TicketActionTable>)[];
const insertOpeningAction = prepared(
  (db, params) =>
    db
      .insertInto('ticket_actions')
      .values(
        Object.fromEntries(
          OPENING_ACTION_COLUMNS.map((c, i) => [c, params[i]]),
        ) as unknown as Insertable<TicketActionTable>,
      ),
  OPENING_ACTION_COLUMNS.length,
);

async function teamById(tx: Tx, id: number): Promise<{ id: number; name: string } | null> {
  return (
    (await tx.selectFrom('teams').select(['id', 'name']).where('id', '=', id).executeTakeFirst()) ?? null
  );
}

export async function createTicket(ctx: Ctx, input: TicketInput): Promise<TicketWire> {
  requireAccess(ctx, 'tickets', 'edit');
  const summary = input.summary?.trim();
  if (!summary) throw bad('summary', 'is required');
  const now = ctx.now().toISOString();
  const opened = normaliseDate('dateoccurred', input.dateoccurred, now);

  return withTx(ctx.db, async (tx) => {
    const ref = await referenceData(tx, {
      ticketTypes: [input.tickettype_id],
      statuses: [input.status_id],
      priorities: [input.priority_id],
      slas: [input.sla_id],
      lookups: [input.urgency, input.impact],
    });
    const type = ticketTypeOf(ref, input.tickettype_id);
    const status = input.status_id !== undefined ? statusOf(ref, input.status_id) : initialStatus(ref, type);
    const priorityId =
      input.priority_id !== undefined
        ? isGivenId(input.priority_id)
          ? input.priority_id
          : null
        : type.default_priority_id;
    const slaId =
      input.sla_id !== undefined ? (isGivenId(input.sla_id) ? input.sla_id : null) : type.default_sla_id;
    checkPriority(ref, priorityId);
    checkSla(ref, slaId);
    const urgency = isGivenId(input.urgency) ? input.urgency : null;
    const impact = isGivenId(input.impact) ? input.impact : null;
    checkLookup(ref, 'urgency', urgency);
    checkLookup(ref, 'impact', impact);

    const parties = await resolveParties(tx, input);
    const agent = isGivenId(input.agent_id) ? await resolveAgent(tx, input.agent_id) : null;
    const team =
      (await resolveTeam(tx, input)) ??
      (type.default_team_id !== null ? await teamById(tx, type.default_team_id) : null);

    const categories = Object.fromEntries(CATEGORY_FIELDS.map((f) => [f, cleanText(input[f])])) as Record<
      (typeof CATEGORY_FIELDS)[number],
      string | null
    >;
    const values: NewTicket = {
      summary,
      details: input.details ?? null,
      customer_id: parties.customer_id,
      site_id: parties.site_id,
      user_id: parties.user_id,
      agent_id: agent?.id ?? null,
      team_id: team?.id ?? null,
      status_id: status.id,
      priority_id: priorityId,
      sla_id: slaId,
      tickettype_id: type.id,
      ...categories,
      urgency,
      impact,
      opened_at: opened,
      closed_at: closedAtAfter(null, status, now),
      created_by_agent_id: ctx.actor.agentId,
      created_at: now,
      updated_at: now,
    };
    const [row] = await insertTicket(
      tx,
      NEW_TICKET_COLUMNS.map((c) => values[c]),
    );
    if (!row) throw new Error('ticket insert returned no row');
    const logged = ref.loggedOutcome;
    if (!logged) throw new Error('reference data has no "Logged" outcome for the opening action');
    const opening: Insertable<TicketActionTable> = {
      ticket_id: row.id,
      outcome_id: logged.id,
      note: row.details,
      agent_id: ctx.actor.agentId,
      hidden_from_user: 0,
      important: 0,
      created_at: now,
      updated_at: now,
    };
    await insertOpeningAction(
      tx,
      OPENING_ACTION_COLUMNS.map((c) => opening[c]),
    );
    // Presented from what was just validated: no second read on the hot path.
    const priority = priorityId !== null ? ref.priorities.get(priorityId) : undefined;
    const sla = slaId !== null ? ref.slas.get(slaId) : undefined;
    return presentTicket({
      ...row,
      client_name: parties.customer_name,
      site_name: parties.site_name,
      user_name: parties.user_name,
      user_email: parties.user_email,
      agent_name: agent?.name ?? null,
      team_name: team?.name ?? null,
      status_name: status.name,
      status_is_closed: status.is_closed,
      tickettype_name: type.name,
      priority_name: priority?.name ?? null,
      priority_response_hours: priority?.response_hours ?? null,
      priority_fix_hours: priority?.fix_hours ?? null,
      sla_name: sla?.name ?? null,
    });
  });
}
