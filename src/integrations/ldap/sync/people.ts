// Reads directory people for one entity (end users or agents) as a stream of pages.
// Full read: one paged search per mapping of this entity (the OU, one level or its subtree; or a group's
// members, through nested groups: in AD one search, elsewhere each person the groups list, by DN), with the
// admin's filters combined structurally; a person is emitted by the most specific mapping that claims it, so
// overlapping mappings never emit anyone twice. Incremental read: only what changed since the directory's
// own watermark, each change re-resolved against the mappings and the group memberships read as the run
// started (a person who left the mapped scope is reported removed); AD tombstones are read with the
// show-deleted control.
import type {
  ConnectorContext,
  ContainerMapping,
  ExternalPerson,
  SyncPage,
  SyncStream,
} from '../../framework/contract.js';
import { AppError } from '../../../core/errors.js';
import { resolveContainer } from '../../framework/mappings/mapping.js';
import { readAhead } from '../../kit/read-ahead.js';
import { changingFrom, earlierInWindow, windowOf } from '../account-expiry.js';
import { domainFor, openDomain, type Entry, type LdapSession, type SearchSpec } from '../client.js';
import { and, eq, ge, memberOfInChain, or, parseAdminFilter, present, type Filter } from '../filter.js';
import {
  EMPTY_CURSOR,
  generalizedTime,
  generalizedTimeMs,
  laterTime,
  minusSeconds,
  stampAfter,
  type DomainWatermark,
  type LdapCursor,
} from '../incremental/cursor.js';
import { planRead } from '../incremental/plan.js';
import { isForKind, readScopeHash } from './read-scope.js';
import type { LdapConfig } from '../manifest.js';
import {
  anchorOf,
  attr,
  attributeMap,
  attributesToRead,
  defaultPersonFilterText,
  entryToPerson,
  externalIdOf,
  type PersonContext,
  type PersonKind,
} from '../mappers.js';
import { dnKey, first, isUnder, normaliseDn, parentDn, values } from '../vendor.js';
import {
  groupAttributes,
  listedMembers,
  memberSet,
  membershipStamp,
  withNestedMembers,
  type GroupMembers,
} from './group-members.js';
import { WireEmitter } from './wire-emit.js';
import type { WirePage } from './wire.js';

type Ctx = ConnectorContext<LdapConfig>;
type Page = SyncPage<ExternalPerson, LdapCursor>;
/** A page as the read worker gets it: on the fast path its people are already in wire form, not `records`. */
export type ReadPage = Page & { wire?: WirePage };
export interface ReadStream extends SyncStream<ExternalPerson, LdapCursor> {
  pages: AsyncIterable<ReadPage>;
  /** Unbinds without reading (the pages' own end does this too; a stream never iterated needs it). */
  close(): Promise<void>;
}
export interface ReadOptions {
  /**
   * Full reads build their pages in wire form as the entries arrive (wire-emit.ts), for the read worker to
   * post: page.wire instead of page.records.
   */
  wire?: boolean;
}

const GROUP_CLASSES = new Set(['group', 'groupofnames', 'groupofuniquenames']);
const same = (a: string, b: string) => dnKey(a) === dnKey(b);

export interface DomainRead {
  s: LdapSession;
  person: PersonContext;
  personFilter: Filter;
  mark: DomainWatermark;
}

async function contextCsn(s: LdapSession, base: string): Promise<string | undefined> {
  const nc = s.rootDse.namingContexts.find((n) => isUnder(base, n)) ?? base;
  const [e] = await s.search({
    base: nc,
    scope: 'base',
    filter: present('objectClass'),
    attributes: ['contextCSN'],
  });
  return values(e ? attr(e, 'contextCSN') : undefined)
    .map(generalizedTime)
    .filter((x): x is string => !!x)
    .sort()
    .at(-1);
}

async function prepareDomain(ctx: Ctx, s: LdapSession, kind: PersonKind): Promise<DomainRead> {
  const config = ctx.config;
  // A base DN that does not exist is a configuration error, never "everyone left".
  for (const b of s.domain.baseDns)
    await s.search({ base: b, scope: 'base', filter: present('objectClass'), attributes: ['1.1'] });
  const personFilter = and(
    parseAdminFilter(defaultPersonFilterText(s.vendor), 'person filter'),
    config.userFilter ? parseAdminFilter(config.userFilter, 'userFilter') : undefined,
  );
  const person: PersonContext = {
    domainId: s.domain.id,
    vendor: s.vendor,
    anchor: s.anchor,
    map: attributeMap(s.vendor, kind, config),
    matchExisting: config.matchExisting,
    onboarding: kind === 'users' ? config.onboarding : undefined,
    expiryNow: expiryClock(s),
  };
  let mark: DomainWatermark = { vendor: s.vendor };
  if (s.vendor === 'ad') {
    const invocationId = await s.invocationId();
    mark = {
      vendor: 'ad',
      ...(s.rootDse.highestCommittedUSN ? { usn: s.rootDse.highestCommittedUSN } : {}),
      ...(s.rootDse.dsServiceName ? { dsServiceName: s.rootDse.dsServiceName } : {}),
      ...(invocationId ? { invocationId } : {}),
      ...(person.expiryNow !== undefined ? { expiryCheckedAt: person.expiryNow } : {}),
    };
  } else if (s.vendor === 'openldap') {
    const csn = (await Promise.all(s.domain.baseDns.map((b) => contextCsn(s, b))))
      .filter((x): x is string => !!x)
      .sort()
      .at(-1);
    mark = {
      vendor: 'openldap',
      ...(csn ? { modifyTimestamp: csn } : {}),
      ...(person.expiryNow !== undefined ? { expiryCheckedAt: person.expiryNow } : {}),
    };
  }
  return { s, person, personFilter, mark };
}

/**
 * The clock expiries are judged by (account-expiry.ts): AD's own (RootDSE currentTime), ours for OpenLDAP, which
 * publishes none; none for other servers.
 */
function expiryClock(s: LdapSession): number | undefined {
  if (s.vendor === 'ad') return generalizedTimeMs(s.rootDse.currentTime);
  return s.vendor === 'openldap' ? Date.now() : undefined;
}

/** Mapping lookups in flight at once while classifying mappings (OU or group). */
const CLASSIFY_CONCURRENCY = 16;

/** Classifies each mapping of this entity (OU or group) once per run; a mapped DN that is gone fails the read. */
async function mappingKinds(
  reads: DomainRead[],
  mappings: readonly ContainerMapping[],
  config: LdapConfig,
  ctx: Ctx,
) {
  type Kind = {
    m: ContainerMapping;
    r: DomainRead;
    group: boolean;
    filter: Filter | undefined;
    /** A group's members, read when the run starts (group-members.ts). */
    members: GroupMembers | undefined;
  };
  const located: { m: ContainerMapping; r: DomainRead }[] = [];
  for (const m of mappings) {
    const d = domainFor(config.domains, m.externalId);
    const r = d && reads.find((x) => x.s.domain.id === d.id);
    if (r) located.push({ m, r });
    else
      ctx.log.warn(
        { mapping: m.externalId },
        `Mapping ${m.externalId} is outside every configured base DN; it is not read`,
      );
  }
  const classify = async ({ m, r }: { m: ContainerMapping; r: DomainRead }): Promise<Kind> => {
    const [e] = await r.s.search({
      base: m.externalId,
      scope: 'base',
      filter: present('objectClass'),
      attributes: ['objectClass', ...groupAttributes(r.s.vendor)],
    });
    const group = values(e ? attr(e, 'objectClass') : undefined).some((c) =>
      GROUP_CLASSES.has(c.toLowerCase()),
    );
    return {
      m,
      r,
      group,
      filter: m.filter ? parseAdminFilter(m.filter, `mapping ${m.externalId} filter`) : undefined,
      // AD's members need a paged search of their own, after these lookups (one paged search at a time).
      members: group && e && r.s.vendor !== 'ad' ? listedMembers(e) : undefined,
    };
  };
  // A few lookups in flight at once on the session (LDAP multiplexes by message id): 200 mappings one round
  // trip at a time held the first page back by a few hundred milliseconds.
  const out: Kind[] = [];
  for (let i = 0; i < located.length; i += CLASSIFY_CONCURRENCY)
    out.push(...(await Promise.all(located.slice(i, i + CLASSIFY_CONCURRENCY).map(classify))));
  for (const k of out) if (k.group && !k.members) k.members = await nestedMembers(k.r, k.m.externalId);
  // Away from AD a group may list groups: their members count too. Which DNs are groups is read once per
  // domain (DNs only); the member list of each group reached is read when it is reached.
  const groupDns = new Map<DomainRead, Set<string>>();
  for (const k of out) {
    if (!k.group || !k.members || k.r.s.vendor === 'ad') continue;
    const r = k.r;
    let groups = groupDns.get(r);
    if (!groups) groupDns.set(r, (groups = await groupsIn(r)));
    const known = groups;
    k.members = await withNestedMembers(k.members, async (dn) => {
      if (!known.has(dnKey(dn))) return undefined;
      const [e] = await r.s.search({
        base: dn,
        scope: 'base',
        filter: present('objectClass'),
        attributes: groupAttributes(r.s.vendor),
      });
      return e ? listedMembers(e) : undefined;
    });
  }
  return out;
}

/** Away from AD: the dnKey of every group under the domain's base DNs. */
async function groupsIn(r: DomainRead): Promise<Set<string>> {
  const groups = new Set<string>();
  for (const base of r.s.domain.baseDns)
    for await (const page of r.s.pages({
      base,
      scope: 'sub',
      filter: or(eq('objectClass', 'groupOfNames'), eq('objectClass', 'groupOfUniqueNames')),
      attributes: ['1.1'],
    }))
      for (const e of page) groups.add(dnKey(e.dn));
  return groups;
}

/** AD: the people in a group directly or through nested groups, under the domain's base DNs (DNs only). */
async function nestedMembers(r: DomainRead, group: string): Promise<GroupMembers> {
  const dns: string[] = [];
  for (const base of r.s.domain.baseDns)
    for await (const page of r.s.pages({
      base,
      scope: 'sub',
      filter: and(r.personFilter, memberOfInChain(group)),
      attributes: ['1.1'],
    }))
      for (const e of page) dns.push(e.dn);
  return memberSet(dns);
}

/**
 * The read itself, on the calling thread. The connector runs it inside the read worker (read-worker.ts); the
 * main thread only receives finished pages (worker-read.ts).
 */
export async function readPeopleInThread(
  ctx: Ctx,
  kind: PersonKind,
  cursorIn: LdapCursor | undefined,
  options: ReadOptions = {},
): Promise<ReadStream> {
  const config = ctx.config;
  const all = ctx.mappings;
  const mine = all.filter(isForKind(kind));
  const sessions: LdapSession[] = [];
  const closeAll = () => Promise.all(sessions.map((s) => s.close()));
  try {
    for (const d of config.domains)
      sessions.push(await openDomain(config, d, { log: ctx.log, signal: ctx.signal }));
    const reads: DomainRead[] = [];
    for (const s of sessions) reads.push(await prepareDomain(ctx, s, kind));
    const kinds = await mappingKinds(reads, mine, config, ctx);
    const hash = readScopeHash(config, mine, kind);
    const groups = groupStamps(kinds);
    const plan = planRead({
      cursor: cursorIn,
      incrementalEnabled: config.incremental,
      fullReconcileHours: config.fullReconcileHours,
      mappingsHash: hash,
      groups,
      now: new Date(),
      domains: reads.map((r) => ({
        id: r.s.domain.id,
        vendor: r.s.vendor,
        dsServiceName: r.mark.dsServiceName,
        invocationId: r.mark.invocationId,
        host: r.s.host,
      })),
    });
    const prev = cursorIn ?? EMPTY_CURSOR;
    // Which domains' expiry search is due (changes-only reads only): decided once, said in the run's reason.
    const expiring = new Map(
      plan.mode === 'full'
        ? []
        : reads.map((r) => [r.s.domain.id, expirySearch(prev.domains[r.s.domain.id] as DomainWatermark, r)]),
    );
    const reason = withExpirySearches(plan.reason, reads, prev, expiring);
    const gen =
      plan.mode === 'full'
        ? fullPages(ctx, kind, reads, kinds, prev, hash, groups, options.wire === true)
        : incrementalPages(ctx, kind, reads, kinds, prev, expiring);
    async function* pages(): AsyncGenerator<ReadPage> {
      try {
        // The next page is read from the directory while the framework writes this one.
        yield* readAhead(gen);
      } finally {
        await closeAll();
      }
    }
    return {
      mode: plan.mode,
      reason,
      pages: pages(),
      close: async () => {
        await closeAll();
      },
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}

export type Kinds = Awaited<ReturnType<typeof mappingKinds>>;

/** The membership stamps of the read's group mappings for the cursor, by group DN (undefined: no groups). */
function groupStamps(kinds: Kinds): Record<string, string> | undefined {
  const stamps: Record<string, string> = {};
  let any = false;
  for (const k of kinds)
    if (k.members) {
      stamps[dnKey(k.m.externalId)] = membershipStamp(k.members);
      any = true;
    }
  return any ? stamps : undefined;
}

type Claim = (dn: string, memberOf: string[]) => ContainerMapping | undefined;

/**
 * The mapping that claims a person: the framework's resolution (exact OU, deepest recursive OU, group).
 * The mapping DNs are normalised once per read, not once per entry (with 200 mappings that was half the
 * CPU of a full import), and the common case, the person's own OU being mapped, is one Map lookup (in
 * resolveContainer's index).
 */
function claimer(all: readonly ContainerMapping[]): Claim {
  const norm = all.map((m) => ({ ...m, externalId: normaliseDn(m.externalId) }));
  // Back from a normalised copy to the instance's mapping (the first with that DN, as resolveContainer takes).
  const byDn = new Map<string, ContainerMapping>();
  norm.forEach((m, i) => {
    const k = m.externalId.trim().toLowerCase();
    if (!byDn.has(k)) byDn.set(k, all[i] as ContainerMapping);
  });
  return (dn, memberOf) => {
    const container = normaliseDn(parentDn(dn));
    const hit = resolveContainer(norm, container, memberOf.length ? memberOf.map(normaliseDn) : memberOf);
    return hit && byDn.get(hit.externalId.trim().toLowerCase());
  };
}

/** The directory's modifyTimestamp watermark moved past this entry's, when it is later (OpenLDAP). */
export function laterStamp(current: string | undefined, e: Entry): string | undefined {
  const raw = e.modifyTimestamp ?? attr(e, 'modifyTimestamp');
  return stampAfter(current, typeof raw === 'string' ? raw : values(raw)[0]);
}

/** OU mappings sharing a base DN at or above which a base search replaces their own searches (auto). */
const PER_BASE_MIN_MAPPINGS = 10;

interface BaseRead {
  r: DomainRead;
  base: string;
  /** The dnKeys of the mappings this search serves. */
  keys: Set<string>;
  mappings: ContainerMapping[];
}

/**
 * Which mappings are read by one subtree search of their base DN (plain OU mappings: no filter of their own,
 * not groups) and which by their own search. A base DN below another of the same domain is not searched
 * again (its people would be read twice).
 */
export function planFullRead(
  strategy: LdapConfig['readStrategy'],
  reads: DomainRead[],
  kinds: Kinds,
): { perBase: BaseRead[]; perMapping: Kinds } {
  if (strategy === 'per_mapping') return { perBase: [], perMapping: kinds };
  const perBase: BaseRead[] = [];
  const served = new Set<Kinds[number]>();
  for (const r of reads) {
    const bases = r.s.domain.baseDns.filter(
      (b) => !r.s.domain.baseDns.some((o) => o !== b && isUnder(b, o) && dnKey(o) !== dnKey(b)),
    );
    for (const base of bases) {
      const plain = kinds.filter(
        (k) => k.r === r && !k.group && !k.filter && !served.has(k) && isUnder(k.m.externalId, base),
      );
      if (plain.length === 0) continue;
      if (strategy === 'auto' && plain.length < PER_BASE_MIN_MAPPINGS) continue;
      for (const k of plain) served.add(k);
      perBase.push({
        r,
        base,
        keys: new Set(plain.map((k) => dnKey(k.m.externalId))),
        mappings: plain.map((k) => k.m),
      });
    }
  }
  return { perBase, perMapping: kinds.filter((k) => !served.has(k)) };
}

/** True when the subtree an LDAP URL refers to holds one of the mapped OUs (or the URL cannot be read). */
export function referredHoldsMapping(url: string, mappings: readonly ContainerMapping[]): boolean {
  let dn: string;
  try {
    dn = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  } catch {
    return true;
  }
  if (!dn) return true;
  return mappings.some((m) => isUnder(m.externalId, dn));
}

/** The person an entry emitted in `container` is, with the OpenLDAP watermark moved past the entry. */
function emitOne(e: Entry, r: DomainRead, w: DomainWatermark, container: string): ExternalPerson {
  const person = entryToPerson(e, r.person, undefined, container);
  if (r.s.vendor === 'openldap') {
    const ts = laterStamp(w.modifyTimestamp, e);
    if (ts) w.modifyTimestamp = ts;
  }
  return person;
}

/** A page's people that `containerOf` places by their DN (undefined: not this search's to emit). */
function emit(
  entries: Entry[],
  r: DomainRead,
  w: DomainWatermark,
  containerOf: (dn: string) => string | undefined,
): ExternalPerson[] {
  const records: ExternalPerson[] = [];
  for (const e of entries) {
    const container = containerOf(e.dn);
    if (container !== undefined) records.push(emitOne(e, r, w, container));
  }
  return records;
}

/** Member lookups in flight at once while a group's listed members are read. */
const MEMBER_CONCURRENCY = 16;
/** OpenLDAP: listed members asked for by entryDN in one search (well under a server's size limit). */
const MEMBERS_PER_SEARCH = 50;

/**
 * A group's listed members (away from AD: group-members.ts), emitted in pages of the session's page size. A
 * member that no longer exists is skipped: OpenLDAP leaves a deleted person in the groups that listed them
 * unless the refint overlay is loaded. Members outside this domain's base DNs are not read, as people outside
 * them never are.
 *
 * OpenLDAP: 50 members per search, by their entryDN (RFC 5020; slapd finds each through its DN index), under
 * the base DN that holds them: 2,000 members of a 100,000-user directory in 74 ms, against 381 ms for one base
 * search per member (a scratch benchmark on the bench's slapd). Elsewhere entryDN may be unknown, so one base
 * search per member, a few in flight.
 */
async function* listedMemberPages(
  r: DomainRead,
  members: GroupMembers,
  filter: Filter,
  w: DomainWatermark,
  containerOf: (dn: string) => string | undefined,
): AsyncGenerator<ExternalPerson[]> {
  const attributes = attributesToRead(r.person);
  const reads: (() => Promise<Entry[]>)[] = [];
  if (r.s.vendor === 'openldap') {
    for (const [base, dns] of membersByBase(members.dns, r.s.domain.baseDns))
      for (let i = 0; i < dns.length; i += MEMBERS_PER_SEARCH) {
        const some = dns.slice(i, i + MEMBERS_PER_SEARCH);
        reads.push(() =>
          r.s.search({
            base,
            scope: 'sub',
            filter: and(filter, or(...some.map((dn) => eq('entryDN', dn)))),
            attributes,
          }),
        );
      }
  } else {
    for (const dn of members.dns.filter((m) => r.s.domain.baseDns.some((base) => isUnder(m, base))))
      reads.push(async () => {
        try {
          return await r.s.search({ base: dn, scope: 'base', filter, attributes });
        } catch (e) {
          if (e instanceof AppError && e.code === 'LDAP_NO_SUCH_OBJECT') return [];
          throw e;
        }
      });
  }
  const inFlight = r.s.vendor === 'openldap' ? 4 : MEMBER_CONCURRENCY;
  let page: ExternalPerson[] = [];
  for (let i = 0; i < reads.length; i += inFlight) {
    const found = await Promise.all(reads.slice(i, i + inFlight).map((read) => read()));
    for (const entries of found) page.push(...emit(entries, r, w, containerOf));
    if (page.length >= r.s.pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/** Each member DN under the first of `bases` that holds it (so none is read twice); the others dropped. */
function membersByBase(dns: readonly string[], bases: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const dn of dns) {
    const base = bases.find((b) => isUnder(dn, b));
    if (base === undefined) continue;
    const list = out.get(base);
    if (list) list.push(dn);
    else out.set(base, [dn]);
  }
  return out;
}

/**
 * The pages of one search of a full read: its people as records, or, when `wire` asks and the fast path
 * applies, as wire pages built while the entries arrive.
 */
async function* searchPages(
  r: DomainRead,
  spec: SearchSpec,
  w: DomainWatermark,
  containerOf: (dn: string) => string | undefined,
  wire: boolean,
): AsyncGenerator<{ records: ExternalPerson[]; wire?: WirePage; count: number }> {
  const emitter = wire
    ? WireEmitter.for({
        person: r.person,
        requested: spec.attributes,
        watermark: r.s.vendor === 'openldap' ? w : undefined,
        containerOf,
        general: (e, container) => emitOne(e, r, w, container),
      })
    : undefined;
  if (emitter) {
    for await (const _ of r.s.pages({ ...spec, onEntry: emitter.onEntry })) {
      const page = emitter.take();
      yield { records: [], wire: page, count: page.n };
    }
    return;
  }
  for await (const entries of r.s.pages(spec)) {
    const records = emit(entries, r, w, containerOf);
    yield { records, count: records.length };
  }
}

async function* fullPages(
  ctx: Ctx,
  kind: PersonKind,
  reads: DomainRead[],
  kinds: Kinds,
  prev: LdapCursor,
  hash: string,
  groups: Record<string, string> | undefined,
  wire: boolean,
): AsyncGenerator<ReadPage> {
  const marks: Record<string, DomainWatermark> = Object.fromEntries(
    reads.map((r) => [r.s.domain.id, { ...r.mark }]),
  );
  const inProgress: LdapCursor = { ...prev, inProgress: true };
  const claim = claimer(ctx.mappings);
  let done = 0;
  const { perBase, perMapping } = planFullRead(ctx.config.readStrategy, reads, kinds);
  for (const { r, base, keys, mappings } of perBase) {
    const spec: SearchSpec = {
      base,
      scope: 'sub',
      filter: r.personFilter,
      attributes: attributesToRead(r.person),
      // Only a referral to a subtree holding a mapped OU makes this read incomplete (an AD forest root
      // refers to its child domains' naming contexts, which are read as their own domains or not at all).
      ignoreReferral: (url) => !referredHoldsMapping(url, mappings),
    };
    const ownerKey = new Map<ContainerMapping, string>();
    const containerOf = (dn: string) => {
      const owner = claim(dn, []);
      if (!owner) return undefined; // in no mapped OU
      let key = ownerKey.get(owner);
      if (key === undefined) ownerKey.set(owner, (key = dnKey(owner.externalId)));
      // Claimed by a mapping read by its own search (a filter, agents, a group), or by none of ours.
      return keys.has(key) ? owner.externalId : undefined;
    };
    const w = marks[r.s.domain.id] as DomainWatermark;
    for await (const { records, wire: page, count } of searchPages(r, spec, w, containerOf, wire)) {
      done += count;
      ctx.progress(kind, done);
      yield { records, cursor: inProgress, ...(page ? { wire: page } : {}) };
    }
  }
  for (const { m, r, group, filter, members } of perMapping) {
    const mKey = dnKey(m.externalId);
    const memberOf = group ? [m.externalId] : [];
    const containerOf = (dn: string) => {
      const owner = claim(dn, memberOf);
      // A more specific mapping emits it (the claim is the same mapping when its DN is).
      return owner && (owner === m || dnKey(owner.externalId) === mKey) ? m.externalId : undefined;
    };
    const w = marks[r.s.domain.id] as DomainWatermark;
    if (group && members && r.s.vendor !== 'ad') {
      // Away from AD: the members the group lists, each read by its DN (group-members.ts).
      for await (const records of listedMemberPages(
        r,
        members,
        and(r.personFilter, filter),
        w,
        containerOf,
      )) {
        done += records.length;
        ctx.progress(kind, done);
        yield { records, cursor: inProgress };
      }
      continue;
    }
    const attributes = attributesToRead(r.person);
    const specs: SearchSpec[] = group
      ? r.s.domain.baseDns.map((base) => ({
          base,
          scope: 'sub' as const,
          filter: and(r.personFilter, memberOfInChain(m.externalId), filter),
          attributes,
        }))
      : [
          {
            base: m.externalId,
            scope: m.recursive ? 'sub' : 'one',
            filter: and(r.personFilter, filter),
            attributes,
          },
        ];
    for (const spec of specs) {
      for await (const { records, wire: page, count } of searchPages(r, spec, w, containerOf, wire)) {
        done += count;
        ctx.progress(kind, done);
        yield { records, cursor: inProgress, ...(page ? { wire: page } : {}) };
      }
    }
  }
  yield {
    records: [],
    cursor: {
      inProgress: false,
      lastFullAt: new Date().toISOString(),
      mappingsHash: hash,
      domains: marks,
      ...(groups ? { groups } : {}),
    },
  };
}

/** The entries changed since the watermark: AD by uSNChanged (indexed), OpenLDAP by modifyTimestamp with the overlap. */
function changedSince(w: DomainWatermark, r: DomainRead, config: LdapConfig): Filter {
  return r.s.vendor === 'ad'
    ? ge('uSNChanged', String(BigInt(w.usn ?? '0') + 1n))
    : ge('modifyTimestamp', minusSeconds(w.modifyTimestamp as string, config.overlapSeconds));
}

/**
 * Expiry changes no attribute, so the changes-only read cannot see it (account-expiry.ts). When an expiry is due
 * (the earliest one known has passed, or none is known since the last full read), a second search asks for
 * every account with an expiry from the last read on: the ones that expired since, and the ones still to
 * expire, whose earliest becomes the next due time. The expiry attribute is not indexed (AD's accountExpires
 * is not), so this search is a scan of the base; it runs when an expiry falls due, not on every read.
 * A watermark from before expiry was tracked has no time to start from: its first such search asks for every
 * account with a moment at all, once.
 */
function expirySearch(w: DomainWatermark, r: DomainRead): Filter | undefined {
  const window = windowOf(r.s.vendor);
  const from = w.expiryCheckedAt ?? 0;
  const now = r.person.expiryNow;
  if (!window || now === undefined) return undefined;
  if (w.nextExpiryAt !== undefined && (w.nextExpiryAt === null || w.nextExpiryAt > now)) return undefined;
  return changingFrom(window, from);
}

/** The plan's reason, and where a changes-only read also searches for expired accounts, from when. */
function withExpirySearches(
  reason: string,
  reads: DomainRead[],
  prev: LdapCursor,
  expiring: ReadonlyMap<string, Filter | undefined>,
): string {
  const since = reads
    .filter((r) => expiring.get(r.s.domain.id))
    .map((r) => {
      const from = prev.domains[r.s.domain.id]?.expiryCheckedAt;
      return from === undefined
        ? `${r.s.domain.id}: every account with one, a first time`
        : `${r.s.domain.id}: since ${new Date(from).toISOString()}`;
    });
  return since.length ? `${reason}, and a search for expired accounts (${since.join('; ')})` : reason;
}

async function* incrementalPages(
  ctx: Ctx,
  kind: PersonKind,
  reads: DomainRead[],
  kinds: Kinds,
  prev: LdapCursor,
  expiringSearches: ReadonlyMap<string, Filter | undefined>,
): AsyncGenerator<Page> {
  const marks: Record<string, DomainWatermark> = {};
  // Who is in which group comes from the memberships read as this run started (group-members.ts), not from
  // the person's memberOf (direct groups only, and absent from OpenLDAP without the overlay).
  const groups = kinds.filter((k) => k.members !== undefined);
  const groupsOf = (dn: string): string[] => {
    if (groups.length === 0) return [];
    const key = dnKey(dn);
    return groups.filter((k) => k.members?.keys.has(key)).map((k) => k.m.externalId);
  };
  const claim = claimer(ctx.mappings);
  let done = 0;
  for (const r of reads) {
    const id = r.s.domain.id;
    const w = prev.domains[id] as DomainWatermark;
    const mark: DomainWatermark = { ...r.mark };
    const expiring = expiringSearches.get(id);
    const searches = [changedSince(w, r, ctx.config), ...(expiring ? [expiring] : [])];
    const window = windowOf(r.s.vendor);
    const now = r.person.expiryNow;
    // The earliest expiry still to come: kept from the last read unless this one searched them all again.
    let nextExpiry: number | null | undefined = expiring ? null : w.nextExpiryAt;
    const attributes = attributesToRead(r.person);
    for (const base of r.s.domain.baseDns) {
      for (const since of searches)
        for await (const entries of r.s.pages({
          base,
          scope: 'sub',
          filter: and(r.personFilter, since),
          attributes,
        })) {
          const records: ExternalPerson[] = [];
          const removed: string[] = [];
          for (const e of entries) {
            const owner = claim(e.dn, groupsOf(e.dn));
            const k = owner && kinds.find((x) => same(x.m.externalId, owner.externalId));
            if (r.s.vendor === 'openldap')
              mark.modifyTimestamp = laterTime(
                mark.modifyTimestamp ?? w.modifyTimestamp,
                generalizedTime(values(attr(e, 'modifyTimestamp'))[0]),
              );
            // Not (or no longer) in this entity's scope: if we had linked it, it left.
            if (!owner || !isForKind(kind)(owner) || !k) {
              removed.push(externalIdOf(id, anchorOf(e, r.person)));
              continue;
            }
            if (
              k.filter &&
              (
                await r.s.search({
                  base: e.dn,
                  scope: 'base',
                  filter: and(r.personFilter, k.filter),
                  attributes: ['1.1'],
                })
              ).length === 0
            ) {
              removed.push(externalIdOf(id, anchorOf(e, r.person)));
              continue;
            }
            // Only the people this read syncs count towards the next expiry due.
            if (window && now !== undefined)
              nextExpiry = earlierInWindow(nextExpiry, window, (a) => first(attr(e, a)), now);
            records.push({ ...entryToPerson(e, r.person), containerId: owner.externalId });
          }
          done += records.length;
          ctx.progress(kind, done);
          yield { records, removed, cursor: prev };
        }
    }
    if (r.s.vendor === 'ad' && r.s.rootDse.supportsShowDeleted && r.s.rootDse.defaultNamingContext) {
      const tombstones = and(
        eq('isDeleted', 'TRUE'),
        eq('objectClass', 'user'),
        ge('uSNChanged', String(BigInt(w.usn ?? '0') + 1n)),
      );
      const base = `CN=Deleted Objects,${r.s.rootDse.defaultNamingContext}`;
      for await (const entries of r.s.pages({
        base,
        scope: 'one',
        filter: tombstones,
        attributes: [r.s.anchor],
        showDeleted: true,
      })) {
        yield {
          records: [],
          removed: entries.map((e) => externalIdOf(id, anchorOf(e, r.person))),
          cursor: prev,
        };
      }
    }
    marks[id] =
      window && now !== undefined && nextExpiry !== undefined ? { ...mark, nextExpiryAt: nextExpiry } : mark;
  }
  yield { records: [], cursor: { ...prev, inProgress: false, domains: { ...prev.domains, ...marks } } };
}
