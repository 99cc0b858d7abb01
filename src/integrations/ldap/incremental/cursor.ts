// The LDAP cursor: per domain, the watermark a later run may continue from, taken from the directory
// itself (AD: highestCommittedUSN + the DC's identity; OpenLDAP: contextCSN / modifyTimestamp), never
// from our clock. Only the last page of a read writes new watermarks; earlier pages mark the read as in
// progress, so a crashed or failed read is followed by a full read.
import crypto from 'node:crypto';
import type { ContainerMapping } from '../../framework/contract.js';
// Types only: the schemas (zod) load where cursors are validated, on the main thread, not in the read worker.
import type { LdapCursor } from './cursor-schema.js';

export type { DomainWatermark, LdapCursor } from './cursor-schema.js';

export const EMPTY_CURSOR: LdapCursor = {
  inProgress: false,
  lastFullAt: null,
  mappingsHash: null,
  domains: {},
};

/**
 * A fingerprint of what a full read covers: the mappings and the parts of the config that decide who is read
 * and what is written (domains, base DNs, filters, attribute maps). A change needs a full read: changes-only
 * reads would never pick up people who were already there.
 */
export function mappingsHash(mappings: readonly ContainerMapping[], scope: unknown = null): string {
  const canon = mappings
    .map((m) => [m.externalId.toLowerCase(), canonTarget(m.target), m.recursive, m.filter ?? null])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return fingerprint([canon, scope]);
}

/**
 * A site target without a user role hashes as site targets did before user roles existed, so upgrading does
 * not make every instance read in full; giving a mapping a role (or changing it) does, as it must: a
 * changes-only read would leave the people already there with their old role.
 */
function canonTarget(t: ContainerMapping['target']): ContainerMapping['target'] {
  if (t.kind !== 'site' || (t.userRoleId ?? null) !== null) return t;
  return { kind: 'site', customerId: t.customerId, siteId: t.siteId };
}

/** A short digest of a JSON-serialisable value, as cursors keep them (sha256, 22 base64url characters). */
export function fingerprint(value: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}

/** "20240102030405.123Z" / contextCSN "20240102030405.123456Z#000000#000#000000" → "20240102030405Z". */
export function generalizedTime(v: string | undefined): string | undefined {
  const m = v ? /^(\d{14})(?:\.\d+)?Z/.exec(v) : null;
  return m ? `${m[1]}Z` : undefined;
}

/** A generalized time (`20261122092127.0Z`, `20261122092127Z`) as epoch milliseconds; undefined if unreadable. */
export function generalizedTimeMs(value: string | undefined): number | undefined {
  const m = value ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,]\d+)?Z$/.exec(value.trim()) : null;
  if (!m) return undefined;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Epoch milliseconds as a generalized time to the second (`20261122092127Z`). */
export function generalizedTimeOf(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

/** A generalized time moved back by `seconds` (the overlap window), same format. */
export function minusSeconds(gt: string, seconds: number): string {
  const ms = generalizedTimeMs(gt);
  if (ms === undefined) throw new Error(`not a generalized time: ${gt}`);
  return generalizedTimeOf(ms - seconds * 1000);
}

export const laterTime = (a: string | undefined, b: string | undefined): string | undefined =>
  !a ? b : !b ? a : a > b ? a : b;

/**
 * The OpenLDAP watermark after an entry whose modifyTimestamp is `v`. Most entries are not later than the
 * watermark: those skip normalising (equal seconds change nothing).
 */
export function stampAfter(current: string | undefined, v: string | undefined): string | undefined {
  if (!v || (current && v.slice(0, 14) <= current.slice(0, 14))) return current;
  return laterTime(current, generalizedTime(v));
}
