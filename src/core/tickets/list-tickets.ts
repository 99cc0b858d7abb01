// Lists tickets (wrapper `tickets` on the wire) with Halo's common filters. Deleted tickets never show.
// `search` matches the summary (and the id when it is a number).
import { sql, type SqlBool } from 'kysely';
import { requireAccess, type Ctx } from '../context.js';
import { referenceData } from '../lookups/reference-cache.js';
import { listPage, mapPage, resolveOrder, type ListOptions, type ListPage } from '../shared/list.js';
import { containsAny } from '../shared/search.js';
import type { Kysely } from 'kysely';
import { presentTicket, type TicketWire } from './presenter.js';
import { ticketSelect } from './query.js';

export interface TicketFilters {
  client_id?: number | undefined;
  site_id?: number | undefined;
  user_id?: number | undefined;
  agent_id?: number | undefined;
  /** Team name. */
  team?: string | undefined;
  team_id?: number | undefined;
  status_id?: number | undefined;
  /** Several statuses (Halo's status=1,2,3). */
  statuses?: number[] | undefined;
  tickettype_id?: number | undefined;
  priority_id?: number | undefined;
  toplevel_id?: number | undefined;
  open_only?: boolean | undefined;
  closed_only?: boolean | undefined;
  ticketids?: number[] | undefined;
}

const SORTABLE = {
  id: 't.id',
  summary: 't.summary',
  dateoccurred: 't.opened_at',
  datecreated: 't.created_at',
  last_update: 't.updated_at',
  lastactiondate: 't.updated_at',
  dateclosed: 't.closed_at',
  status_id: 't.status_id',
  priority_id: 't.priority_id',
  client_name: 'c.name',
  agent_id: 't.agent_id',
} as const;

export async function listTickets(
  ctx: Ctx,
  filters: TicketFilters,
  options: ListOptions = {},
): Promise<ListPage<TicketWire>> {
  requireAccess(ctx, 'tickets', 'read');
  let q = ticketSelect(ctx.db).where('t.deleted', '=', 0);
  if (filters.client_id !== undefined) q = q.where('t.customer_id', '=', filters.client_id);
  if (filters.site_id !== undefined) q = q.where('t.site_id', '=', filters.site_id);
  if (filters.user_id !== undefined) q = q.where('t.user_id', '=', filters.user_id);
  if (filters.agent_id !== undefined) q = q.where('t.agent_id', '=', filters.agent_id);
  if (filters.team_id !== undefined) q = q.where('t.team_id', '=', filters.team_id);
  const teamName = filters.team?.trim().toLowerCase();
  if (teamName) q = q.where((eb) => eb(eb.fn('lower', ['tm.name']), '=', teamName));
  if (filters.status_id !== undefined) q = q.where('t.status_id', '=', filters.status_id);
  if (filters.statuses !== undefined && filters.statuses.length > 0)
    q = q.where('t.status_id', 'in', filters.statuses);
  if (filters.tickettype_id !== undefined) q = q.where('t.tickettype_id', '=', filters.tickettype_id);
  if (filters.priority_id !== undefined) q = q.where('t.priority_id', '=', filters.priority_id);
  if (filters.toplevel_id !== undefined) q = q.where('c.toplevel_id', '=', filters.toplevel_id);
  if (filters.open_only || filters.closed_only) {
    // By status, not closed_at, so a status re-flagged as closed is honoured at once.
    const ref = await referenceData(ctx.db);
    const closedIds = [...ref.statuses.values()].filter((s) => s.is_closed === 1).map((s) => s.id);
    if (filters.open_only) q = closedIds.length > 0 ? q.where('t.status_id', 'not in', closedIds) : q;
    if (filters.closed_only)
      q = closedIds.length > 0 ? q.where('t.status_id', 'in', closedIds) : q.where(sql<SqlBool>`1 = 0`);
  }
  if (filters.ticketids !== undefined)
    q =
      filters.ticketids.length > 0 ? q.where('t.id', 'in', filters.ticketids) : q.where(sql<SqlBool>`1 = 0`);
  const search = options.search?.trim();
  if (search) {
    const text = containsAny(ctx.db as unknown as Kysely<unknown>, ['t.summary'], search);
    q = /^\d{1,15}$/.test(search)
      ? q.where((eb) => eb.or([text, eb('t.id', '=', Number(search))]))
      : q.where(text);
  }
  const order = resolveOrder(options.order, SORTABLE, [{ column: 't.id', desc: false }], 't.id');
  const page = await listPage(options.window, { select: q, order });
  return mapPage(page, presentTicket);
}
