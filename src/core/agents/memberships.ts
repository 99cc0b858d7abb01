// Team membership and default-team checks shared by the agent and team use cases.
import type { Tx } from '../../db/transaction.js';
import { invalidInput } from '../errors.js';

/** Checks that every id exists in `table`, naming the first missing one as `${field}[i]`. */
export async function requireIds(
  tx: Tx,
  table: 'teams' | 'agents',
  ids: readonly number[],
  field: string,
): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = new Set(
    (await tx.selectFrom(table).select('id').where('id', 'in', unique).execute()).map((r) => r.id),
  );
  const i = ids.findIndex((id) => !found.has(id));
  if (i >= 0)
    throw invalidInput(`Unknown ${table === 'teams' ? 'team' : 'agent'} ${ids[i]}`, [
      { field: `${field}[${i}]`, message: `no ${table === 'teams' ? 'team' : 'agent'} with id ${ids[i]}` },
    ]);
}

/** Replaces an agent's teams. */
export async function replaceAgentTeams(tx: Tx, agentId: number, teamIds: readonly number[]): Promise<void> {
  await requireIds(tx, 'teams', teamIds, 'teams');
  await tx.deleteFrom('team_members').where('agent_id', '=', agentId).execute();
  const unique = [...new Set(teamIds)];
  if (unique.length > 0)
    await tx
      .insertInto('team_members')
      .values(unique.map((team_id) => ({ team_id, agent_id: agentId })))
      .execute();
}

/** Replaces a team's members. */
export async function replaceTeamMembers(tx: Tx, teamId: number, agentIds: readonly number[]): Promise<void> {
  await requireIds(tx, 'agents', agentIds, 'agents');
  await tx.deleteFrom('team_members').where('team_id', '=', teamId).execute();
  const unique = [...new Set(agentIds)];
  if (unique.length > 0)
    await tx
      .insertInto('team_members')
      .values(unique.map((agent_id) => ({ team_id: teamId, agent_id })))
      .execute();
}

/** Resolves a default team given by id or by name (Halo's `team` is a name). */
export async function resolveTeamRef(
  tx: Tx,
  id: number | null | undefined,
  name: string | null | undefined,
): Promise<number | null | undefined> {
  if (id !== undefined) {
    if (id !== null && !(await tx.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst())) {
      throw invalidInput(`Unknown team ${id}`, [{ field: 'team_id', message: `no team with id ${id}` }]);
    }
    return id;
  }
  if (name === undefined) return undefined;
  if (name === null || name.trim() === '') return null;
  const row = await tx.selectFrom('teams').select('id').where('name', '=', name.trim()).executeTakeFirst();
  if (!row)
    throw invalidInput(`Unknown team "${name}"`, [{ field: 'team', message: `no team named "${name}"` }]);
  return row.id;
}
