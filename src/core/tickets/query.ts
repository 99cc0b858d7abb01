// The one SELECT that reads tickets with the names Halo replies carry (client, site, user, agent, team,
// status, type, priority, SLA). Used by get and list so both present the same shape.
import type { Db, Tx } from '../../db/transaction.js';

export function ticketSelect(db: Db | Tx) {
  return db
    .selectFrom('tickets as t')
    .leftJoin('customers as c', 'c.id', 't.customer_id')
    .leftJoin('sites as s', 's.id', 't.site_id')
    .leftJoin('end_users as u', 'u.id', 't.user_id')
    .leftJoin('agents as a', 'a.id', 't.agent_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .leftJoin('statuses as st', 'st.id', 't.status_id')
    .leftJoin('ticket_types as tt', 'tt.id', 't.tickettype_id')
    .leftJoin('priorities as p', 'p.id', 't.priority_id')
    .leftJoin('slas as sl', 'sl.id', 't.sla_id')
    .selectAll('t')
    .select([
      'c.name as client_name',
      's.name as site_name',
      'u.name as user_name',
      'u.email as user_email',
      'a.name as agent_name',
      'tm.name as team_name',
      'st.name as status_name',
      'st.is_closed as status_is_closed',
      'tt.name as tickettype_name',
      'p.name as priority_name',
      'p.response_hours as priority_response_hours',
      'p.fix_hours as priority_fix_hours',
      'sl.name as sla_name',
    ]);
}

export type TicketView = Awaited<ReturnType<ReturnType<typeof ticketSelect>['executeTakeFirstOrThrow']>>;
