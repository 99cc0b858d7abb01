// Container mappings: which source container (tenant, OU, group) goes to which customer/site/agent role.
import type { Selectable } from 'kysely';
import type { ContainerMappingTable } from '../../../db/schema/integrations.js';
import type { Db, Tx } from '../../../db/transaction.js';
import type { ContainerMapping } from '../contract.js';

export type MappingRow = Selectable<ContainerMappingTable>;

/** The API/CLI view of a mapping row (including the review list: status "ambiguous" with candidates). */
export interface MappingView {
  id: number;
  instanceId: number;
  externalId: string;
  externalName: string;
  containerKind: string;
  status: MappingRow['status'];
  targetKind: MappingRow['target_kind'];
  customerId: number | null;
  siteId: number | null;
  roleId: number | null;
  teamId: number | null;
  userRoleId: number | null;
  recursive: boolean;
  filter: string | null;
  source: MappingRow['source'];
  candidates: number[];
}

export function toMappingView(r: MappingRow): MappingView {
  return {
    id: r.id,
    instanceId: r.instance_id,
    externalId: r.external_id,
    externalName: r.external_name,
    containerKind: r.container_kind,
    status: r.status,
    targetKind: r.target_kind,
    customerId: r.customer_id,
    siteId: r.site_id,
    roleId: r.role_id,
    teamId: r.team_id,
    userRoleId: r.user_role_id,
    recursive: r.recursive === 1,
    filter: r.filter,
    source: r.source,
    candidates: r.candidates_json ? (JSON.parse(r.candidates_json) as number[]) : [],
  };
}

/** Mapped rows as the contract's ContainerMapping (what connectors and the reconciler use). */
export function toContainerMapping(r: MappingRow): ContainerMapping | undefined {
  if (r.status !== 'mapped') return undefined;
  const base = { externalId: r.external_id, recursive: r.recursive === 1, filter: r.filter };
  if (r.target_kind === 'customer' && r.customer_id !== null)
    return { ...base, target: { kind: 'customer', customerId: r.customer_id } };
  if (r.target_kind === 'site' && r.customer_id !== null && r.site_id !== null) {
    return {
      ...base,
      target: {
        kind: 'site',
        customerId: r.customer_id,
        siteId: r.site_id,
        userRoleId: r.user_role_id,
      },
    };
  }
  if (r.target_kind === 'agent')
    return { ...base, target: { kind: 'agent', roleId: r.role_id, teamId: r.team_id } };
  return undefined;
}

export async function loadMappings(db: Db | Tx, instanceId: number): Promise<ContainerMapping[]> {
  const rows = await db
    .selectFrom('container_mappings')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .where('status', '=', 'mapped')
    .execute();
  return rows.map(toContainerMapping).filter((m): m is ContainerMapping => m !== undefined);
}

const norm = (s: string) => s.trim().toLowerCase();

interface MappingIndex {
  /** The first mapping per normalised external id (an exact match takes the first one, as find() would). */
  byId: Map<string, ContainerMapping>;
  /** Recursive mappings with their normalised ids, most specific (longest id) first. */
  recursive: { suffix: string; m: ContainerMapping }[];
  /**
   * The last container resolved without memberOf, and its mapping: a directory read delivers an OU's people
   * one after another, so most records skip normalising and hashing their container's DN.
   */
  last?: { containerId: string; mapping: ContainerMapping | undefined };
}

/**
 * Built once per mappings array (an import resolves every record against the same array; normalising all of
 * the instance's mapping ids per record cost more than the rest of the resolution).
 */
const indexes = new WeakMap<readonly ContainerMapping[], MappingIndex>();

function indexOf(mappings: readonly ContainerMapping[]): MappingIndex {
  let index = indexes.get(mappings);
  if (index) return index;
  const byId = new Map<string, ContainerMapping>();
  for (const m of mappings) {
    const k = norm(m.externalId);
    if (!byId.has(k)) byId.set(k, m);
  }
  const recursive = mappings
    .filter((m) => m.recursive)
    .map((m) => ({ suffix: `,${norm(m.externalId)}`, m }))
    // Stable: among equally long ids the earlier mapping wins, as before.
    .sort((a, b) => b.m.externalId.length - a.m.externalId.length);
  index = { byId, recursive };
  indexes.set(mappings, index);
  return index;
}

/**
 * The mapping for a container: an exact id match first, then the most specific recursive mapping whose id
 * is a DN suffix of the container (LDAP OU trees), then the first mapped `memberOf` container.
 * The mappings array must not be mutated after its first use here (its index is cached).
 */
export function resolveContainer(
  mappings: readonly ContainerMapping[],
  containerId: string,
  memberOf: readonly string[] = [],
): ContainerMapping | undefined {
  const index = indexOf(mappings);
  if (memberOf.length === 0) {
    const last = index.last;
    if (last?.containerId === containerId) return last.mapping;
    const mapping = containerMapping(index, norm(containerId));
    index.last = { containerId, mapping };
    return mapping;
  }
  const found = containerMapping(index, norm(containerId));
  if (found) return found;
  for (const g of memberOf) {
    const m = index.byId.get(norm(g));
    if (m) return m;
  }
  return undefined;
}

/** The mapping of a normalised container id: exact, else the most specific recursive one containing it. */
function containerMapping(index: MappingIndex, id: string): ContainerMapping | undefined {
  return index.byId.get(id) ?? index.recursive.find((r) => id.endsWith(r.suffix))?.m;
}
