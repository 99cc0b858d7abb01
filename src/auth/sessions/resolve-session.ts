// A console session cookie → the signed-in agent, while the session is unexpired and the agent may still
// sign in. One query (session ⋈ agent ⋈ roles).
import type { Actor } from '../../core/context.js';
import type { Db } from '../../db/transaction.js';
import { PermissionSet } from '../../core/permissions.js';
import { parseRolePermissions } from '../agent-permissions.js';
import { sha256Hex } from '../secrets.js';

export async function resolveSession(db: Db, sessionId: string, now: Date): Promise<Actor | null> {
  const rows = await db
    .selectFrom('agent_sessions as s')
    .innerJoin('agents as g', 'g.id', 's.agent_id')
    .leftJoin('agent_roles as ar', 'ar.agent_id', 'g.id')
    .leftJoin('roles as r', 'r.id', 'ar.role_id')
    .select(['g.id', 'r.permissions as role_permissions'])
    .where('s.session_hash', '=', sha256Hex(sessionId))
    .where('s.expires_at', '>', now.toISOString())
    .where('g.inactive', '=', 0)
    .where('g.is_api_only', '=', 0)
    .where('g.password_hash', 'is not', null)
    .execute();
  const first = rows[0];
  if (!first) return null;
  const permissions = new PermissionSet(
    rows.flatMap((r) => (r.role_permissions ? parseRolePermissions(r.role_permissions) : [])),
  );
  return { agentId: first.id, kind: 'agent', permissions };
}
