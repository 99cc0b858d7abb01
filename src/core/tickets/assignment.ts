// Who works a ticket: an agent (a real, active one: API-only agents are logins for integrations and can't
// be assigned) and a team, which Halo clients name by its NAME (`team`) and sometimes by `team_id`.
import type { Db, Tx } from '../../db/transaction.js';
import { invalidInput } from '../errors.js';
import { assertAssignable } from '../../auth/assert-assignable.js';
import { prepared } from '../shared/prepared.js';

const agentById = prepared(
  (db, [id]) =>
    db
      .selectFrom('agents')
      .select(['id', 'name', 'is_api_only', 'inactive'])
      .where('id', '=', id as number),
  1,
);
const teamByName = prepared(
  (db, [name]) =>
    db
      .selectFrom('teams')
      .select(['id', 'name', 'inactive'])
      .where('name', '=', name as string),
  1,
);

const bad = (field: string, message: string) => invalidInput(`${field}: ${message}`, [{ field, message }]);

export async function resolveAgent(db: Db | Tx, agentId: number): Promise<{ id: number; name: string }> {
  const [a] = await agentById(db, [agentId]);
  if (!a) throw bad('agent_id', `no agent with id ${agentId}`);
  assertAssignable(a, 'agent_id');
  return { id: a.id, name: a.name };
}

export interface TeamRef {
  team?: string | null | undefined;
  team_id?: number | null | undefined;
}

/** Resolves a team by name (exact first, then case-insensitive) and/or id; both given must agree. */
export async function resolveTeam(db: Db | Tx, ref: TeamRef): Promise<{ id: number; name: string } | null> {
  const name = ref.team?.trim();
  const byId = typeof ref.team_id === 'number' && ref.team_id > 0 ? ref.team_id : undefined;
  if (!name && byId === undefined) return null;
  let row: { id: number; name: string; inactive: number } | undefined;
  if (name) {
    [row] = await teamByName(db, [name]);
    row ??= await db
      .selectFrom('teams')
      .select(['id', 'name', 'inactive'])
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .executeTakeFirst();
    if (!row) throw bad('team', `no team named "${name}"`);
    if (byId !== undefined && byId !== row.id)
      throw bad('team_id', `team_id ${byId} is not the team named "${name}" (${row.id})`);
  } else if (byId !== undefined) {
    row = await db
      .selectFrom('teams')
      .select(['id', 'name', 'inactive'])
      .where('id', '=', byId)
      .executeTakeFirst();
    if (!row) throw bad('team_id', `no team with id ${byId}`);
  }
  if (!row) return null;
  if (row.inactive === 1) throw bad(name ? 'team' : 'team_id', `team "${row.name}" is inactive`);
  return { id: row.id, name: row.name };
}
