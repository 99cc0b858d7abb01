// Lists agents by enabled/disabled, API-only, team and text (name or e-mail).
import { sql } from 'kysely';
import { requireAccess, type Ctx } from '../context.js';
import {
  eq,
  listPage,
  resolveOrder,
  standardConditions,
  type ListOptions,
  type ListPage,
} from '../shared/list.js';
import { hydrateAgents, selectAgents, type Agent } from './agent.js';

export interface ListAgentsInput extends ListOptions {
  /** Include API-only agents (default false, like Halo's includeapiagents). */
  includeApiAgents?: boolean | undefined;
  teamId?: number | undefined;
  teamName?: string | undefined;
  ids?: number[] | undefined;
}

export const AGENT_SORTABLE: Readonly<Record<string, string>> = {
  id: 'a.id',
  name: 'a.name',
  firstname: 'a.firstname',
  surname: 'a.surname',
  email: 'a.email',
  isdisabled: 'a.inactive',
  team: 'dt.name',
};

export async function listAgents(ctx: Ctx, input: ListAgentsInput = {}): Promise<ListPage<Agent>> {
  requireAccess(ctx, 'agents', 'read');
  const db = ctx.db;
  const order = resolveOrder(input.order, AGENT_SORTABLE, [{ column: 'a.name', desc: false }], 'a.id');
  const inTeam = (cond: ReturnType<typeof sql>) =>
    sql<boolean>`exists (select 1 from team_members m inner join teams t on t.id = m.team_id where m.agent_id = ${sql.ref('a.id')} and ${cond})`;
  const where = [
    ...standardConditions(db, input, { inactive: 'a.inactive', search: ['a.name', 'a.email'], id: 'a.id' }),
    input.includeApiAgents ? undefined : eq('a.is_api_only', 0),
    input.teamId !== undefined ? inTeam(sql`t.id = ${input.teamId}`) : undefined,
    input.teamName !== undefined ? inTeam(sql`t.name = ${input.teamName}`) : undefined,
  ];
  const page = await listPage(input.window, { select: selectAgents(db), where, order });
  return { ...page, items: await hydrateAgents(db, page.items) };
}
