// How many people a mapping holds now: the records this instance synced that sit where the mapping sends them.
// A site mapping counts the instance's end users on that site, a customer mapping (a directory's people go to
// the customer's main site) those in any of the customer's sites, and an agent mapping the instance's agents
// with its role and team (a mapping without one matches any). Counted from the database as it is, so the
// figure is current after incremental runs too. Two mappings to the same site show the same people: the count
// is of the target, not of the container (which person came through which mapping is not stored).
import { sql } from 'kysely';
import type { Db, Tx } from '../../../db/transaction.js';
import type { MappingView } from './mapping.js';

export interface Population {
  active: number;
  inactive: number;
}

/**
 * The population of each mapped site or agent mapping, by mapping id; of customer mappings too when
 * `customersHoldPeople` (the connector imports people; a Sophos tenant's customer holds none). Others: none.
 */
export async function mappingPopulation(
  db: Db | Tx,
  instanceId: number,
  mappings: readonly MappingView[],
  { customersHoldPeople }: { customersHoldPeople: boolean },
): Promise<Map<number, Population>> {
  const out = new Map<number, Population>();
  const mapped = mappings.filter((m) => m.status === 'mapped');
  const sites = mapped.filter(
    (m) =>
      (m.targetKind === 'site' && m.siteId !== null) ||
      (customersHoldPeople && m.targetKind === 'customer' && m.customerId !== null),
  );
  const agentMappings = mapped.filter((m) => m.targetKind === 'agent');
  if (sites.length) {
    const bySite = await usersBySite(db, instanceId);
    for (const m of sites) {
      const p: Population = { active: 0, inactive: 0 };
      for (const s of bySite)
        if (m.targetKind === 'site' ? s.siteId === m.siteId : s.customerId === m.customerId) {
          p.active += s.active;
          p.inactive += s.inactive;
        }
      out.set(m.id, p);
    }
  }
  if (agentMappings.length) {
    const agents = await syncedAgents(db, instanceId);
    for (const m of agentMappings) {
      const p: Population = { active: 0, inactive: 0 };
      for (const a of agents)
        if ((m.roleId === null || a.roles.has(m.roleId)) && (m.teamId === null || a.teams.has(m.teamId)))
          p[a.inactive ? 'inactive' : 'active']++;
      out.set(m.id, p);
    }
  }
  return out;
}

interface SiteCount extends Population {
  siteId: number;
  customerId: number;
}

/** The instance's end users, counted per site (one grouped query: a directory may hold 100,000s). */
async function usersBySite(db: Db | Tx, instanceId: number): Promise<SiteCount[]> {
  const { rows } = await sql<{ site_id: number; customer_id: number; active: number; inactive: number }>`
    select u.site_id, u.customer_id,
           sum(case when u.inactive = 0 then 1 else 0 end) as active,
           sum(case when u.inactive = 0 then 0 else 1 end) as inactive
      from external_links l
      join end_users u on u.id = l.record_id
     where l.instance_id = ${instanceId} and l.record_type = 'user'
     group by u.site_id, u.customer_id`.execute(db);
  return rows.map((r) => ({
    siteId: Number(r.site_id),
    customerId: Number(r.customer_id),
    active: Number(r.active),
    inactive: Number(r.inactive),
  }));
}

interface SyncedAgent {
  inactive: boolean;
  roles: Set<number>;
  teams: Set<number>;
}

/** The instance's agents with their roles and teams (agents are few: a team, not a directory). */
async function syncedAgents(db: Db | Tx, instanceId: number): Promise<SyncedAgent[]> {
  const linked = db
    .selectFrom('external_links')
    .select('record_id')
    .where('instance_id', '=', instanceId)
    .where('record_type', '=', 'agent');
  const agents = await db.selectFrom('agents').select(['id', 'inactive']).where('id', 'in', linked).execute();
  const roles = await db
    .selectFrom('agent_roles')
    .select(['agent_id', 'role_id'])
    .where('agent_id', 'in', linked)
    .execute();
  const teams = await db
    .selectFrom('team_members')
    .select(['agent_id', 'team_id'])
    .where('agent_id', 'in', linked)
    .execute();
  const byId = new Map<number, SyncedAgent>(
    agents.map((a) => [a.id, { inactive: Boolean(a.inactive), roles: new Set(), teams: new Set() }]),
  );
  for (const r of roles) byId.get(r.agent_id)?.roles.add(r.role_id);
  for (const t of teams) byId.get(t.agent_id)?.teams.add(t.team_id);
  return [...byId.values()];
}
