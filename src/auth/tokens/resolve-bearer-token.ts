// Turns a presented bearer token into the acting application: valid only while the token is unexpired and
// unrevoked, the application active and its agent active. Access is re-derived on every request, so a
// narrowed application or agent takes effect immediately. One query (token ⋈ application ⋈ agent ⋈ roles):
// this runs on every API request.
import type { Actor } from '../../core/context.js';
import type { Db } from '../../db/transaction.js';
import { PermissionSet } from '../../core/permissions.js';
import { parseRolePermissions } from '../agent-permissions.js';
import { parseScopeString, scopesToPermissions } from '../scopes.js';
import { sha256Hex } from '../secrets.js';

export async function resolveBearerToken(db: Db, token: string, now: Date): Promise<Actor | null> {
  const rows = await db
    .selectFrom('api_tokens as t')
    .innerJoin('api_applications as a', 'a.id', 't.application_id')
    .innerJoin('agents as g', 'g.id', 'a.login_agent_id')
    .leftJoin('agent_roles as ar', 'ar.agent_id', 'g.id')
    .leftJoin('roles as r', 'r.id', 'ar.role_id')
    .select([
      't.scope',
      'a.id as application_id',
      'a.scopes as app_scopes',
      'a.login_agent_id',
      'r.permissions as role_permissions',
    ])
    .where('t.token_hash', '=', sha256Hex(token))
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', now.toISOString())
    .where('a.active', '=', 1)
    .where('a.auth_method', '=', 'client_credentials')
    .where('g.inactive', '=', 0)
    .execute();
  const first = rows[0];
  if (!first) return null;
  const agent = new PermissionSet(
    rows.flatMap((r) => (r.role_permissions ? parseRolePermissions(r.role_permissions) : [])),
  );
  const permissions = scopesToPermissions(parseScopeString(first.scope))
    .intersect(scopesToPermissions(parseScopeString(first.app_scopes)))
    .intersect(agent);
  return {
    agentId: first.login_agent_id,
    kind: 'application',
    permissions,
    applicationId: first.application_id,
  };
}
