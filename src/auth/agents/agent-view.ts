// How an agent is shown by the console API and the CLI. The password hash never leaves the database.
import type { Db, Tx } from '../../db/transaction.js';
import type { Permission } from '../../core/permissions.js';
import { parseRolePermissions } from '../agent-permissions.js';

export interface AgentView {
  id: number;
  name: string;
  login: string | null;
  email: string | null;
  firstname: string | null;
  surname: string | null;
  is_api_only: boolean;
  inactive: boolean;
  notify_sync_failures: boolean;
  default_team_id: number | null;
  has_password: boolean;
  roles: { id: number; name: string }[];
  teams: number[];
  permissions: Permission[];
}

/** Loads the views of the given agents (all agents when ids is undefined), ordered by name. */
export async function loadAgentViews(db: Db | Tx, ids?: number[]): Promise<AgentView[]> {
  if (ids && ids.length === 0) return [];
  let q = db
    .selectFrom('agents')
    .select([
      'id',
      'name',
      'login',
      'email',
      'firstname',
      'surname',
      'is_api_only',
      'inactive',
      'notify_sync_failures',
      'default_team_id',
      'password_hash',
    ])
    .orderBy('name')
    .orderBy('id');
  if (ids) q = q.where('id', 'in', ids);
  const agents = await q.execute();
  if (agents.length === 0) return [];
  const agentIds = agents.map((a) => a.id);
  const roles = await db
    .selectFrom('agent_roles')
    .innerJoin('roles', 'roles.id', 'agent_roles.role_id')
    .select(['agent_roles.agent_id', 'roles.id', 'roles.name', 'roles.permissions'])
    .where('agent_roles.agent_id', 'in', agentIds)
    .orderBy('roles.name')
    .execute();
  const teams = await db
    .selectFrom('team_members')
    .select(['agent_id', 'team_id'])
    .where('agent_id', 'in', agentIds)
    .orderBy('team_id')
    .execute();
  return agents.map((a) => {
    const mine = roles.filter((r) => r.agent_id === a.id);
    return {
      id: a.id,
      name: a.name,
      login: a.login,
      email: a.email,
      firstname: a.firstname,
      surname: a.surname,
      is_api_only: a.is_api_only === 1,
      inactive: a.inactive === 1,
      notify_sync_failures: a.notify_sync_failures === 1,
      default_team_id: a.default_team_id,
      has_password: a.password_hash !== null,
      roles: mine.map((r) => ({ id: r.id, name: r.name })),
      teams: teams.filter((t) => t.agent_id === a.id).map((t) => t.team_id),
      permissions:
        a.inactive === 1 ? [] : [...new Set(mine.flatMap((r) => parseRolePermissions(r.permissions)))],
    };
  });
}
