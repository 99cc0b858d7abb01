// X-Halo-Api-Key (halo-api.md §1.5): a static key for applications created with the API-key method.
// One query (application ⋈ agent ⋈ roles), as it runs on every request.
import type { Actor } from '../../core/context.js';
import type { Db } from '../../db/transaction.js';
import { PermissionSet } from '../../core/permissions.js';
import { parseRolePermissions } from '../agent-permissions.js';
import { parseScopeString, scopesToPermissions } from '../scopes.js';
import { sha256Hex } from '../secrets.js';

export async function resolveApiKey(db: Db, key: string): Promise<Actor | null> {
  const rows = await db
    .selectFrom('api_applications as a')
    .innerJoin('agents as g', 'g.id', 'a.login_agent_id')
    .leftJoin('agent_roles as ar', 'ar.agent_id', 'g.id')
    .leftJoin('roles as r', 'r.id', 'ar.role_id')
    .select(['a.id', 'a.scopes', 'a.login_agent_id', 'r.permissions as role_permissions'])
    .where('a.api_key_hash', '=', sha256Hex(key))
    .where('a.auth_method', '=', 'api_key')
    .where('a.active', '=', 1)
    .where('g.inactive', '=', 0)
    .execute();
  const first = rows[0];
  if (!first) return null;
  const agent = new PermissionSet(
    rows.flatMap((r) => (r.role_permissions ? parseRolePermissions(r.role_permissions) : [])),
  );
  const permissions = scopesToPermissions(parseScopeString(first.scopes)).intersect(agent);
  return { agentId: first.login_agent_id, kind: 'application', permissions, applicationId: first.id };
}
