// Reads actions with the names Halo replies carry (outcome, who, new status). Actions of deleted tickets
// are hidden along with the ticket.
import type { Db, Tx } from '../../db/transaction.js';

export function actionSelect(db: Db | Tx) {
  return db
    .selectFrom('ticket_actions as x')
    .innerJoin('tickets as t', 't.id', 'x.ticket_id')
    .leftJoin('outcomes as o', 'o.id', 'x.outcome_id')
    .leftJoin('agents as a', 'a.id', 'x.agent_id')
    .leftJoin('statuses as st', 'st.id', 'x.new_status_id')
    .selectAll('x')
    .select(['o.name as outcome_name', 'a.name as agent_name', 'st.name as new_status_name'])
    .where('t.deleted', '=', 0);
}

export type ActionView = Awaited<ReturnType<ReturnType<typeof actionSelect>['executeTakeFirstOrThrow']>>;
