// Agents for the console (never their password hash), with roles and the sync-failure notification preference.
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { fields, type RecordDetail } from './detail.js';
import { sourcesOf, type RecordSource } from './provenance.js';
import { asBool, recordPage, type ListInput, type Page } from './query-helpers.js';
import { selectAgents } from '../agents/agent.js';

export interface AgentRow {
  id: number;
  name: string;
  email: string | null;
  login: string | null;
  inactive: boolean;
  apiOnly: boolean;
  notifySyncFailures: boolean;
  roles: string[];
  sources: RecordSource[];
}

export async function listAgents(ctx: Ctx, input: ListInput): Promise<Page<AgentRow>> {
  const page = await recordPage(ctx, input, {
    // The core agent select plus what only the console shows (API-only agents are listed here too).
    select: selectAgents(ctx.db).select(['a.login', 'a.notify_sync_failures']),
    searchColumns: ['a.name', 'a.email', 'a.login'],
    statusColumn: 'a.inactive',
    idColumn: 'a.id',
    order: [
      { column: 'a.name', desc: false },
      { column: 'a.id', desc: false },
    ],
    linkType: 'agent',
    present: (r, sources) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      login: r.login,
      inactive: asBool(r.inactive),
      apiOnly: asBool(r.is_api_only),
      notifySyncFailures: asBool(r.notify_sync_failures),
      roles: [] as string[],
      sources,
    }),
  });
  const ids = page.items.map((r) => r.id);
  const roles = ids.length
    ? await ctx.db
        .selectFrom('agent_roles as ar')
        .innerJoin('roles as r', 'r.id', 'ar.role_id')
        .select(['ar.agent_id', 'r.name'])
        .where('ar.agent_id', 'in', ids)
        .orderBy('r.name')
        .execute()
    : [];
  for (const item of page.items) item.roles = roles.filter((x) => x.agent_id === item.id).map((x) => x.name);
  return page;
}

export async function getAgent(ctx: Ctx, id: number): Promise<RecordDetail> {
  const a = await ctx.db
    .selectFrom('agents as a')
    .leftJoin('teams as t', 't.id', 'a.default_team_id')
    .select([
      'a.id',
      'a.name',
      'a.email',
      'a.login',
      'a.jobtitle',
      'a.phone',
      'a.inactive',
      'a.is_api_only',
      'a.notify_sync_failures',
      'a.created_at',
      'a.updated_at',
      't.name as team',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!a) throw notFound('Agent', id);
  const roles = await ctx.db
    .selectFrom('agent_roles as ar')
    .innerJoin('roles as r', 'r.id', 'ar.role_id')
    .select('r.name')
    .where('ar.agent_id', '=', id)
    .orderBy('r.name')
    .execute();
  const sources = await sourcesOf(ctx, 'agent', [id]);
  return {
    id: a.id,
    title: a.name,
    inactive: asBool(a.inactive),
    fields: fields(
      { label: 'Login', value: a.login },
      { label: 'E-mail', value: a.email },
      { label: 'Job title', value: a.jobtitle },
      { label: 'Phone', value: a.phone },
      { label: 'Default team', value: a.team },
      { label: 'Roles', value: roles.map((r) => r.name).join(', ') },
      { label: 'API only', value: asBool(a.is_api_only) },
      { label: 'E-mail me when a sync fails', value: asBool(a.notify_sync_failures) },
      { label: 'Created', value: a.created_at },
      { label: 'Updated', value: a.updated_at },
    ),
    sources: sources.get(id) ?? [],
  };
}
