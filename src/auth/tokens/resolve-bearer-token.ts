// Turns a presented bearer token into the acting application: valid only while the token is unexpired and
// unrevoked, the application active and its agent active. Access is re-derived on every request, so a
// narrowed application or agent takes effect immediately.
import type { Actor } from '../../core/context.js';
import type { Db } from '../../db/transaction.js';
import { loadAgentPermissions } from '../agent-permissions.js';
import { parseScopeString, scopesToPermissions } from '../scopes.js';
import { sha256Hex } from '../secrets.js';

export async function resolveBearerToken(db: Db, token: string, now: Date): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('api_applications as a', 'a.id', 't.application_id')
    .innerJoin('agents as g', 'g.id', 'a.login_agent_id')
    .select(['t.scope', 'a.id as application_id', 'a.scopes as app_scopes', 'a.login_agent_id'])
    .where('t.token_hash', '=', sha256Hex(token))
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', now.toISOString())
    .where('a.active', '=', 1)
    .where('a.auth_method', '=', 'client_credentials')
    .where('g.inactive', '=', 0)
    .executeTakeFirst();
  if (!row) return null;
  const agent = await loadAgentPermissions(db, row.login_agent_id);
  const permissions = scopesToPermissions(parseScopeString(row.scope))
    .intersect(scopesToPermissions(parseScopeString(row.app_scopes)))
    .intersect(agent);
  return { agentId: row.login_agent_id, kind: 'application', permissions, applicationId: row.application_id };
}
