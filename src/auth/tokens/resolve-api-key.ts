// X-Halo-Api-Key (halo-api.md §1.5): a static key for applications created with the API-key method.
import type { Actor } from '../../core/context.js';
import type { Db } from '../../db/transaction.js';
import { loadAgentPermissions } from '../agent-permissions.js';
import { parseScopeString, scopesToPermissions } from '../scopes.js';
import { sha256Hex } from '../secrets.js';

export async function resolveApiKey(db: Db, key: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_applications as a')
    .innerJoin('agents as g', 'g.id', 'a.login_agent_id')
    .select(['a.id', 'a.scopes', 'a.login_agent_id'])
    .where('a.api_key_hash', '=', sha256Hex(key))
    .where('a.auth_method', '=', 'api_key')
    .where('a.active', '=', 1)
    .where('g.inactive', '=', 0)
    .executeTakeFirst();
  if (!row) return null;
  const permissions = scopesToPermissions(parseScopeString(row.scopes)).intersect(
    await loadAgentPermissions(db, row.login_agent_id),
  );
  return { agentId: row.login_agent_id, kind: 'application', permissions, applicationId: row.id };
}
