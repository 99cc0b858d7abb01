// Tickets for the console: summary, customer, status and priority; "inactive" reads as closed.
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { fields, type RecordDetail } from './detail.js';
import { sourcesOf, type RecordSource } from './provenance.js';
import { recordPage, type ListInput, type Page } from './query-helpers.js';
import { eq } from '../shared/list.js';
import { ticketSelect } from '../tickets/query.js';

export interface TicketRow {
  id: number;
  summary: string;
  customerId: number | null;
  customerName: string | null;
  status: string;
  closed: boolean;
  priority: string | null;
  openedAt: string;
  sources: RecordSource[];
}

export async function listTickets(ctx: Ctx, input: ListInput): Promise<Page<TicketRow>> {
  return recordPage(ctx, input, {
    select: ctx.db
      .selectFrom('tickets as t')
      .innerJoin('statuses as st', 'st.id', 't.status_id')
      .leftJoin('customers as c', 'c.id', 't.customer_id')
      .leftJoin('priorities as p', 'p.id', 't.priority_id')
      .where('t.deleted', '=', 0)
      .select([
        't.id',
        't.summary',
        't.customer_id',
        'c.name as customer_name',
        'st.name as status',
        'st.is_closed',
        'p.name as priority',
        't.opened_at',
      ]),
    searchColumns: ['t.summary', 'c.name'],
    // "#123" or "123" also finds ticket 123.
    searchAlso: (term) => (/^#?\d+$/.test(term) ? eq('t.id', Number(term.replace('#', ''))) : undefined),
    // "inactive" reads as closed.
    statusColumn: 'st.is_closed',
    idColumn: 't.id',
    order: [{ column: 't.id', desc: true }],
    linkType: 'ticket',
    present: (r, sources) => ({
      id: r.id,
      summary: r.summary,
      customerId: r.customer_id,
      customerName: r.customer_name,
      status: r.status,
      closed: r.is_closed === 1,
      priority: r.priority,
      openedAt: r.opened_at,
      sources,
    }),
  });
}

export async function getTicket(ctx: Ctx, id: number): Promise<RecordDetail> {
  // The same joined read the Halo API uses, so the console and /api/Tickets never disagree.
  const t = await ticketSelect(ctx.db).where('t.id', '=', id).where('t.deleted', '=', 0).executeTakeFirst();
  if (!t) throw notFound('Ticket', id);
  const sources = await sourcesOf(ctx, 'ticket', [id]);
  return {
    id: t.id,
    title: `#${t.id} ${t.summary}`,
    inactive: t.status_is_closed === 1,
    fields: fields(
      { label: 'Status', value: t.status_name },
      { label: 'Type', value: t.tickettype_name },
      { label: 'Priority', value: t.priority_name },
      t.customer_id !== null && {
        label: 'Customer',
        value: t.client_name,
        link: { type: 'customers', id: t.customer_id },
      },
      t.site_id !== null && { label: 'Site', value: t.site_name, link: { type: 'sites', id: t.site_id } },
      t.user_id !== null && { label: 'User', value: t.user_name, link: { type: 'users', id: t.user_id } },
      { label: 'Agent', value: t.agent_name },
      { label: 'Team', value: t.team_name },
      { label: 'Category', value: t.category_1 },
      { label: 'Opened', value: t.opened_at },
      { label: 'Closed', value: t.closed_at },
      { label: 'Details', value: t.details },
    ),
    sources: sources.get(id) ?? [],
  };
}
