// A console session cookie → the signed-in agent, while the session is unexpired and the agent may still sign in.
import type { Actor } from '../../core/context.js';
import type { Db } from '../../db/transaction.js';
import { loadAgentPermissions } from '../agent-permissions.js';
import { sha256Hex } from '../secrets.js';

export async function resolveSession(db: Db, sessionId: string, now: Date): Promise<Actor | null> {
  const row = await db
    .selectFrom('agent_sessions as s')
    .innerJoin('agents as g', 'g.id', 's.agent_id')
    .select(['g.id'])
    .where('s.session_hash', '=', sha256Hex(sessionId))
    .where('s.expires_at', '>', now.toISOString())
    .where('g.inactive', '=', 0)
    .where('g.is_api_only', '=', 0)
    .where('g.password_hash', 'is not', null)
    .executeTakeFirst();
  if (!row) return null;
  return { agentId: row.id, kind: 'agent', permissions: await loadAgentPermissions(db, row.id) };
}
