// Reference data (statuses, priorities, SLAs, ticket types, outcomes, lookup rows, asset types) read in one
// go and kept briefly in memory, because ticket and action writes consult it on every request and it almost
// never changes. Writes through the lookup use cases invalidate it at once; a change made by another process
// is seen after at most TTL_MS. Integrity never depends on the cache: the foreign keys still hold.
import type { Db, Tx } from '../../db/transaction.js';
import type {
  AssetTypeTable,
  LookupTable,
  OutcomeTable,
  PriorityTable,
  SlaTable,
  StatusTable,
  TicketTypeTable,
} from '../../db/schema.js';
import type { Selectable } from 'kysely';

export const TTL_MS = 10_000;

export type StatusRow = Selectable<StatusTable>;
export type PriorityRow = Selectable<PriorityTable>;
export type SlaRow = Selectable<SlaTable>;
export type TicketTypeRow = Selectable<TicketTypeTable>;
export type OutcomeRow = Selectable<OutcomeTable>;
export type LookupRow = Selectable<LookupTable>;
export type AssetTypeRow = Selectable<AssetTypeTable>;

/** Halo lookup list ids this server gives a meaning to (see the reference data migration). */
export const LOOKUP_LIST = { lookupTypes: 11, urgency: 27, impact: 28 } as const;

export interface ReferenceData {
  statuses: ReadonlyMap<number, StatusRow>;
  priorities: ReadonlyMap<number, PriorityRow>;
  slas: ReadonlyMap<number, SlaRow>;
  ticketTypes: ReadonlyMap<number, TicketTypeRow>;
  outcomes: ReadonlyMap<number, OutcomeRow>;
  lookups: ReadonlyMap<number, LookupRow>;
  assetTypes: ReadonlyMap<number, AssetTypeRow>;
  /** The active ticket type with the lowest sequence (used when a ticket names none). */
  defaultTicketType: TicketTypeRow | undefined;
  /** The open status a ticket starts in when neither it nor its type says: "New", else the first open one. */
  defaultOpenStatus: StatusRow | undefined;
  /** The closed status closeTicket uses when none is given: "Closed", else the first closed one. */
  defaultClosedStatus: StatusRow | undefined;
  /** The outcome of a ticket's opening action: "Logged" (active preferred), see the logged outcome migration. */
  loggedOutcome: OutcomeRow | undefined;
}

/** Name of the outcome every new ticket's first action carries, as in Halo. */
export const LOGGED_OUTCOME_NAME = 'logged';

interface Entry {
  data: ReferenceData;
  loadedAt: number;
}

// Keyed by the database's adapter object: a Kysely instance and every transaction opened from it share that
// one object, so requests inside and outside a transaction hit the same entry, and separate databases
// (tests run several) never share one.
const cache = new WeakMap<object, Entry>();

const byId = <T extends { id: number }>(rows: T[]): Map<number, T> => new Map(rows.map((r) => [r.id, r]));
const bySequence = <T extends { id: number; sequence: number }>(a: T, b: T) =>
  a.sequence - b.sequence || a.id - b.id;

async function load(db: Db | Tx): Promise<ReferenceData> {
  const [statuses, priorities, slas, ticketTypes, outcomes, lookups, assetTypes] = await Promise.all([
    db.selectFrom('statuses').selectAll().execute(),
    db.selectFrom('priorities').selectAll().execute(),
    db.selectFrom('slas').selectAll().execute(),
    db.selectFrom('ticket_types').selectAll().execute(),
    db.selectFrom('outcomes').selectAll().execute(),
    db.selectFrom('lookups').selectAll().execute(),
    db.selectFrom('asset_types').selectAll().execute(),
  ]);
  const open = statuses.filter((s) => s.is_closed === 0 && s.inactive === 0).sort(bySequence);
  const closed = statuses.filter((s) => s.is_closed === 1 && s.inactive === 0).sort(bySequence);
  return {
    statuses: byId(statuses),
    priorities: byId(priorities),
    slas: byId(slas),
    ticketTypes: byId(ticketTypes),
    outcomes: byId(outcomes),
    lookups: byId(lookups),
    assetTypes: byId(assetTypes),
    defaultTicketType: ticketTypes.filter((t) => t.inactive === 0).sort(bySequence)[0],
    defaultOpenStatus: open.find((s) => s.name.toLowerCase() === 'new') ?? open[0],
    defaultClosedStatus: closed.find((s) => s.name.toLowerCase() === 'closed') ?? closed[0],
    loggedOutcome: outcomes
      .filter((o) => o.name.toLowerCase() === LOGGED_OUTCOME_NAME)
      .sort((a, b) => a.inactive - b.inactive || a.id - b.id)[0],
  };
}

const keyOf = (db: Db | Tx): object => db.getExecutor().adapter;

/** Ids a caller is about to use, by list; a cached copy that lacks one of them is reloaded first. */
export type ReferenceNeeds = Partial<
  Record<
    'statuses' | 'priorities' | 'slas' | 'ticketTypes' | 'outcomes' | 'lookups' | 'assetTypes',
    ReadonlyArray<number | null | undefined>
  >
>;

function covers(data: ReferenceData, needs: ReferenceNeeds): boolean {
  for (const [list, ids] of Object.entries(needs) as Array<
    [keyof ReferenceNeeds, ReadonlyArray<number | null | undefined>]
  >) {
    const map: ReadonlyMap<number, unknown> = data[list];
    for (const id of ids) if (typeof id === 'number' && id > 0 && !map.has(id)) return false;
  }
  return true;
}

/**
 * The reference data, from the cache when it is fresh and knows every id in `needs`. An id the cache does
 * not know (created a moment ago, possibly by another process) triggers a reload, so a new status or
 * outcome is usable at once; only changes to existing rows wait for the TTL.
 */
export async function referenceData(db: Db | Tx, needs: ReferenceNeeds = {}): Promise<ReferenceData> {
  const key = keyOf(db);
  const hit = cache.get(key);
  const now = Date.now();
  if (hit && now - hit.loadedAt < TTL_MS && covers(hit.data, needs)) return hit.data;
  const data = await load(db);
  cache.set(key, { data, loadedAt: now });
  return data;
}

/** Forget the cached reference data of this database (called after every reference-data write). */
export function invalidateReferenceData(db: Db | Tx): void {
  cache.delete(keyOf(db));
}

/** The id of the active ticket type with this name (case-insensitive), e.g. "Onboarding" for integrations. */
export async function findTicketTypeId(db: Db | Tx, name: string): Promise<number | undefined> {
  const wanted = name.trim().toLowerCase();
  const ref = await referenceData(db);
  return [...ref.ticketTypes.values()].find((t) => t.inactive === 0 && t.name.toLowerCase() === wanted)?.id;
}
