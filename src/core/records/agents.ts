// Agents for the console (never their password hash), with roles and the sync-failure notification preference.
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { fields, type RecordDetail } from './detail.js';
import { sourcesOf, type RecordSource } from './provenance.js';
import { asBool, containsAny, offsetOf, toCount, type ListInput, type Page } from './query-helpers.js';

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
  let q = ctx.db.selectFrom('agents as a');
  if (input.search) q = q.where(containsAny(['a.name', 'a.email', 'a.login'], input.search));
  if (input.status !== 'all') q = q.where('a.inactive', '=', input.status === 'inactive' ? 1 : 0);
  if (input.ids) q = q.where('a.id', 'in', input.ids.length ? [...input.ids] : [-1]);
  const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await q
    .select(['a.id', 'a.name', 'a.email', 'a.login', 'a.inactive', 'a.is_api_only', 'a.notify_sync_failures'])
    .orderBy('a.name')
    .orderBy('a.id')
    .limit(input.pageSize)
    .offset(offsetOf(input))
    .execute();
  const ids = rows.map((r) => r.id);
  const roles = ids.length
    ? await ctx.db
        .selectFrom('agent_roles as ar')
        .innerJoin('roles as r', 'r.id', 'ar.role_id')
        .select(['ar.agent_id', 'r.name'])
        .where('ar.agent_id', 'in', ids)
        .orderBy('r.name')
        .execute()
    : [];
  const sources = await sourcesOf(ctx, 'agent', ids);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      login: r.login,
      inactive: asBool(r.inactive),
      apiOnly: asBool(r.is_api_only),
      notifySyncFailures: asBool(r.notify_sync_failures),
      roles: roles.filter((x) => x.agent_id === r.id).map((x) => x.name),
      sources: sources.get(r.id) ?? [],
    })),
    total: toCount(total?.n),
    page: input.page,
    pageSize: input.pageSize,
  };
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
