// An agent's permissions: the union of its roles' permissions. An inactive agent has none.
import type { Db, Tx } from '../db/transaction.js';
import { PermissionSet, isPermission, type Permission } from '../core/permissions.js';

/** Parses a role's stored JSON permission list, ignoring anything that is not a known permission. */
export function parseRolePermissions(json: string): Permission[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value)
      ? value.filter((p): p is Permission => typeof p === 'string' && isPermission(p))
      : [];
  } catch {
    return [];
  }
}

export async function loadAgentPermissions(db: Db | Tx, agentId: number): Promise<PermissionSet> {
  const rows = await db
    .selectFrom('agent_roles')
    .innerJoin('roles', 'roles.id', 'agent_roles.role_id')
    .innerJoin('agents', 'agents.id', 'agent_roles.agent_id')
    .select('roles.permissions')
    .where('agent_roles.agent_id', '=', agentId)
    .where('agents.inactive', '=', 0)
    .execute();
  return new PermissionSet(rows.flatMap((r) => parseRolePermissions(r.permissions)));
}
