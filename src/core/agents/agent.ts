// The agent (technician) as the Halo API shows it: profile, default team, teams and roles. Passwords,
// logins and sessions belong to src/auth; nothing here reads the password hash.
import type { Db, Tx } from '../../db/transaction.js';
import { notFound } from '../errors.js';
import { toBool } from '../shared/values.js';

export interface AgentTeamRef {
  id: number;
  name: string;
}

export interface Agent {
  id: number;
  name: string;
  firstname: string | null;
  surname: string | null;
  initials: string | null;
  email: string | null;
  jobtitle: string | null;
  phone: string | null;
  isApiOnly: boolean;
  inactive: boolean;
  defaultTeamId: number | null;
  defaultTeamName: string | null;
  teams: AgentTeamRef[];
  roles: { id: number; name: string }[];
  createdAt: string;
  updatedAt: string;
}

export function selectAgents(db: Db | Tx) {
  return db
    .selectFrom('agents as a')
    .leftJoin('teams as dt', 'dt.id', 'a.default_team_id')
    .select([
      'a.id',
      'a.name',
      'a.firstname',
      'a.surname',
      'a.initials',
      'a.email',
      'a.jobtitle',
      'a.phone',
      'a.is_api_only',
      'a.inactive',
      'a.default_team_id',
      'dt.name as default_team_name',
      'a.created_at',
      'a.updated_at',
    ]);
}

type AgentRow = Awaited<ReturnType<ReturnType<typeof selectAgents>['executeTakeFirstOrThrow']>>;

/** Turns rows into agents, loading the teams and roles of all of them in two queries (no N+1). */
export async function hydrateAgents(db: Db | Tx, rows: AgentRow[]): Promise<Agent[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const teams = await db
    .selectFrom('team_members as m')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .select(['m.agent_id', 't.id', 't.name'])
    .where('m.agent_id', 'in', ids)
    .orderBy('t.name')
    .execute();
  const roles = await db
    .selectFrom('agent_roles as ar')
    .innerJoin('roles as r', 'r.id', 'ar.role_id')
    .select(['ar.agent_id', 'r.id', 'r.name'])
    .where('ar.agent_id', 'in', ids)
    .orderBy('r.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    firstname: r.firstname,
    surname: r.surname,
    initials: r.initials,
    email: r.email,
    jobtitle: r.jobtitle,
    phone: r.phone,
    isApiOnly: toBool(r.is_api_only),
    inactive: toBool(r.inactive),
    defaultTeamId: r.default_team_id,
    defaultTeamName: r.default_team_name,
    teams: teams.filter((t) => t.agent_id === r.id).map((t) => ({ id: t.id, name: t.name })),
    roles: roles.filter((x) => x.agent_id === r.id).map((x) => ({ id: x.id, name: x.name })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function loadAgent(db: Db | Tx, id: number): Promise<Agent> {
  const row = await selectAgents(db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Agent', id);
  const [agent] = await hydrateAgents(db, [row]);
  if (!agent) throw notFound('Agent', id);
  return agent;
}
