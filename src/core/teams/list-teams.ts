// Lists teams (a configuration list: small, returned whole unless a window is given).
import { sql } from 'kysely';
import { requireAccess, type Ctx } from '../context.js';
import {
  listPage,
  resolveOrder,
  standardConditions,
  type ListOptions,
  type ListPage,
} from '../shared/list.js';
import { hydrateTeams, selectTeams, type Team } from './team.js';

export interface ListTeamsInput extends ListOptions {
  ids?: number[] | undefined;
  /** Only teams this agent belongs to (Halo's memberonly, for the caller's agent). */
  memberAgentId?: number | undefined;
}

export const TEAM_SORTABLE: Readonly<Record<string, string>> = {
  id: 't.id',
  name: 't.name',
  inactive: 't.inactive',
};

export async function listTeams(ctx: Ctx, input: ListTeamsInput = {}): Promise<ListPage<Team>> {
  requireAccess(ctx, 'teams', 'read');
  const db = ctx.db;
  const order = resolveOrder(input.order, TEAM_SORTABLE, [{ column: 't.name', desc: false }], 't.id');
  const where = [
    ...standardConditions(db, input, { inactive: 't.inactive', search: ['t.name'], id: 't.id' }),
    input.memberAgentId !== undefined
      ? sql<boolean>`exists (select 1 from team_members m where m.team_id = ${sql.ref('t.id')} and m.agent_id = ${input.memberAgentId})`
      : undefined,
  ];
  const page = await listPage(input.window, { select: selectTeams(db), where, order });
  return { ...page, items: await hydrateTeams(db, page.items) };
}
