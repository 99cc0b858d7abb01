// A team of agents. Tickets refer to a team by NAME on the Halo wire, so names are unique.
import type { Db, Tx } from '../../db/transaction.js';
import { conflict, notFound } from '../errors.js';
import { toBool } from '../shared/values.js';

export interface Team {
  id: number;
  name: string;
  inactive: boolean;
  email: string | null;
  members: { agentId: number; agentName: string }[];
  createdAt: string;
  updatedAt: string;
}

export function selectTeams(db: Db | Tx) {
  return db
    .selectFrom('teams as t')
    .select(['t.id', 't.name', 't.inactive', 't.email', 't.created_at', 't.updated_at']);
}

type TeamRow = Awaited<ReturnType<ReturnType<typeof selectTeams>['executeTakeFirstOrThrow']>>;

/** Turns rows into teams, loading the members of all of them in one query. */
export async function hydrateTeams(db: Db | Tx, rows: TeamRow[]): Promise<Team[]> {
  if (rows.length === 0) return [];
  const members = await db
    .selectFrom('team_members as m')
    .innerJoin('agents as a', 'a.id', 'm.agent_id')
    .select(['m.team_id', 'a.id', 'a.name'])
    .where(
      'm.team_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('a.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    inactive: toBool(r.inactive),
    email: r.email,
    members: members.filter((m) => m.team_id === r.id).map((m) => ({ agentId: m.id, agentName: m.name })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function loadTeam(db: Db | Tx, id: number): Promise<Team> {
  const row = await selectTeams(db).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Team', id);
  const [team] = await hydrateTeams(db, [row]);
  if (!team) throw notFound('Team', id);
  return team;
}

export async function assertTeamNameFree(tx: Tx, name: string, exceptId?: number): Promise<void> {
  let q = tx.selectFrom('teams').select('id').where('name', '=', name);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst())
    throw conflict(`A team named "${name}" already exists`, [
      { field: 'name', message: 'is already used by another team' },
    ]);
}
