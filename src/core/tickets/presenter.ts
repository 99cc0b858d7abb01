// A ticket in Halo's wire shape (§3.6 of the API reference): Halo field names, names next to ids, `team`
// as the team NAME, categories as strings, and `hasbeenclosed` for "currently in a closed status".
import { htmlToText } from './text.js';
import type { TicketView } from './query.js';

/** opened + hours (calendar hours: no working-day calendar is modelled), or null. */
function due(opened: string, hours: number | null): string | null {
  return hours === null ? null : new Date(new Date(opened).getTime() + hours * 3_600_000).toISOString();
}

export function presentTicket(t: TicketView) {
  const details = t.details ?? '';
  const fixby = due(t.opened_at, t.priority_fix_hours);
  return {
    id: t.id,
    summary: t.summary,
    details: htmlToText(details),
    details_html: details,
    dateoccurred: t.opened_at,
    datecreated: t.created_at,
    last_update: t.updated_at,
    tickettype_id: t.tickettype_id,
    tickettype_name: t.tickettype_name,
    status_id: t.status_id,
    status_name: t.status_name,
    priority_id: t.priority_id,
    priority_name: t.priority_name,
    sla_id: t.sla_id,
    sla_name: t.sla_name,
    client_id: t.customer_id,
    client_name: t.client_name,
    site_id: t.site_id,
    site_name: t.site_name,
    user_id: t.user_id,
    user_name: t.user_name,
    user_email: t.user_email,
    reportedby: t.user_name,
    agent_id: t.agent_id,
    agent_name: t.agent_name,
    team: t.team_name,
    team_id: t.team_id,
    category_1: t.category_1,
    category_2: t.category_2,
    category_3: t.category_3,
    category_4: t.category_4,
    urgency: t.urgency,
    impact: t.impact,
    startdate: t.opened_at,
    respondbydate: due(t.opened_at, t.priority_response_hours),
    fixbydate: fixby,
    targetdate: fixby,
    hasbeenclosed: t.closed_at !== null,
    dateclosed: t.closed_at,
    created_by_agent_id: t.created_by_agent_id,
    deleted: t.deleted === 1,
  };
}

export type TicketWire = ReturnType<typeof presentTicket>;
