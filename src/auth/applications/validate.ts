// Checks shared by creating and updating applications.
import { invalidInput } from '../../core/errors.js';
import type { Tx } from '../../db/transaction.js';
import { parseScopeString, unknownScopes } from '../scopes.js';

/** Normalises scopes given as a space-separated string or a list; unknown scopes are a 400 on `scopes`. */
export function normaliseScopes(value: string | readonly string[]): string[] {
  const scopes = typeof value === 'string' ? parseScopeString(value) : parseScopeString(value.join(' '));
  if (scopes.length === 0)
    throw invalidInput('At least one scope is required', [{ field: 'scopes', message: 'is empty' }]);
  const unknown = unknownScopes(scopes);
  if (unknown.length)
    throw invalidInput(`Unknown scope: ${unknown.join(', ')}`, [
      { field: 'scopes', message: `unknown scope ${unknown.join(', ')}` },
    ]);
  return scopes;
}

/** The login agent must exist and be active. */
export async function assertLoginAgent(tx: Tx, agentId: number): Promise<void> {
  const agent = await tx
    .selectFrom('agents')
    .select(['id', 'inactive'])
    .where('id', '=', agentId)
    .executeTakeFirst();
  if (!agent)
    throw invalidInput(`No agent ${agentId}`, [{ field: 'login_agent_id', message: `no agent ${agentId}` }]);
  if (agent.inactive === 1)
    throw invalidInput(`Agent ${agentId} is inactive`, [{ field: 'login_agent_id', message: 'is inactive' }]);
}
