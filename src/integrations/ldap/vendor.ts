// Vendor nuance in one place: which server this is (from the RootDSE), which attribute is the immutable
// anchor, how its value becomes text (AD's objectGUID is binary and mixed-endian), and DN helpers.

export type Vendor = 'ad' | 'openldap' | 'other';

/** Paged results (RFC 2696); a server that does not list it cannot enumerate reliably. */
export const PAGED_RESULTS_OID = '1.2.840.113556.1.4.319';
/** AD "show deleted objects": tombstones in CN=Deleted Objects become visible. */
export const SHOW_DELETED_OID = '1.2.840.113556.1.4.417';
/** AD's capability OID (LDAP_CAP_ACTIVE_DIRECTORY_OID), listed in supportedCapabilities. */
const AD_CAPABILITY_OID = '1.2.840.113556.1.4.800';

/** What we read from the RootDSE (attributes as ldapts returns them: string | string[]). */
export interface RootDse {
  vendor: Vendor;
  supportsPaging: boolean;
  supportsShowDeleted: boolean;
  defaultNamingContext: string | undefined;
  namingContexts: string[];
  /** AD: the server's NTDS Settings DN (names the DC) and its change counter. */
  dsServiceName: string | undefined;
  highestCommittedUSN: string | undefined;
  dnsHostName: string | undefined;
  /** The server's clock when the RootDSE was read (generalized time; AD always has it). */
  currentTime: string | undefined;
}

export const values = (v: unknown): string[] =>
  v === undefined || v === null
    ? []
    : (Array.isArray(v) ? v : [v]).map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x)));
/** The first value as text (values(v)[0]), without building the array of all values: it runs per attribute per entry. */
export function first(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) return undefined;
  const x: unknown = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x : Buffer.isBuffer(x) ? x.toString('utf8') : String(x);
}

export function parseRootDse(e: Record<string, unknown>): RootDse {
  const lower = new Map(Object.entries(e).map(([k, v]) => [k.toLowerCase(), v]));
  const get = (k: string) => values(lower.get(k.toLowerCase()));
  const controls = get('supportedControl');
  const isAd =
    get('supportedCapabilities').includes(AD_CAPABILITY_OID) || get('forestFunctionality').length > 0;
  const isOpenLdap = get('objectClass').some((c) => c.toLowerCase() === 'openldaprootdse');
  return {
    vendor: isAd ? 'ad' : isOpenLdap ? 'openldap' : 'other',
    supportsPaging: controls.includes(PAGED_RESULTS_OID),
    supportsShowDeleted: controls.includes(SHOW_DELETED_OID),
    defaultNamingContext: get('defaultNamingContext')[0],
    namingContexts: get('namingContexts'),
    dsServiceName: get('dsServiceName')[0],
    highestCommittedUSN: get('highestCommittedUSN')[0],
    dnsHostName: get('dnsHostName')[0],
    currentTime: get('currentTime')[0],
  };
}

/** The default anchor attribute per vendor; "other" servers need one configured. */
export function anchorAttribute(vendor: Vendor, configured: string | undefined): string | undefined {
  if (configured) return configured;
  if (vendor === 'ad') return 'objectGUID';
  if (vendor === 'openldap') return 'entryUUID';
  return undefined;
}

/** Binary attributes ldapts must hand over as Buffers (it decodes everything else as UTF-8). */
export const BINARY_ATTRIBUTES = ['objectGUID', 'objectSid', 'invocationId'];

/**
 * Microsoft's text form of a GUID: the first three groups little-endian, the rest as is
 * (bytes 7b21cee2 7a9b 5b46 a487… → e2ce217b-9b7a-465b-a487-…).
 */
export function guidToString(b: Buffer): string {
  if (b.length !== 16) throw new Error(`a GUID has 16 bytes, got ${b.length}`);
  const h = (i: number, n: number, le: boolean) => {
    const bytes = [...b.subarray(i, i + n)];
    return (le ? bytes.reverse() : bytes).map((x) => x.toString(16).padStart(2, '0')).join('');
  };
  return `${h(0, 4, true)}-${h(4, 2, true)}-${h(6, 2, true)}-${h(8, 2, false)}-${h(10, 6, false)}`;
}

/** The anchor's text: GUID text for binary 16-byte values, else the value lower-cased (UUID text). */
export function anchorText(v: unknown): string | undefined {
  const x = Array.isArray(v) ? v[0] : v;
  if (Buffer.isBuffer(x)) return x.length === 16 ? guidToString(x) : x.toString('hex');
  if (typeof x === 'string' && x.trim()) return x.trim().toLowerCase();
  return undefined;
}

// ---- DNs (RFC 4514): split on unescaped commas only. ----

export function splitDn(dn: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < dn.length; i++) {
    const c = dn[i] as string;
    if (c === '\\' && i + 1 < dn.length) {
      cur += c + (dn[i + 1] as string);
      i++;
    } else if (c === ',') {
      parts.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}

/**
 * A DN that normalises to itself and splits on every comma: no escapes, no blanks next to a separator or at
 * either end, no trailing comma. Nearly every DN a server returns is one; checking costs one regex test,
 * parsing costs a split, a trim and a regex per RDN (per entry, twice, in a full import).
 */
const NEEDS_PARSING = /\\|\s[,=]|[,=]\s|^\s|\s$|,$/;

/** A DN in one canonical text form (no spaces around separators, attribute types as given). */
export function normaliseDn(dn: string): string {
  if (!NEEDS_PARSING.test(dn)) return dn;
  return splitDn(dn)
    .map((rdn) => rdn.replace(/^\s*([^=]+?)\s*=\s*/, '$1='))
    .join(',');
}

/** A DN as mappings, claims and group memberships compare it: normalised and lower-cased. */
export const dnKey = (dn: string): string => normaliseDn(dn).trim().toLowerCase();

export function parentDn(dn: string): string {
  if (NEEDS_PARSING.test(dn)) return splitDn(dn).slice(1).join(',');
  const i = dn.indexOf(',');
  return i < 0 ? '' : dn.slice(i + 1);
}

/** The value of the first RDN ("CN=Bob Smith,OU=…" → "Bob Smith"), unescaped. */
export function rdnValue(dn: string): string {
  const rdn = splitDn(dn)[0] ?? '';
  const v = rdn.slice(rdn.indexOf('=') + 1);
  return v.replace(/\\([0-9a-fA-F]{2}|.)/g, (_, x: string) =>
    x.length === 2 ? String.fromCharCode(parseInt(x, 16)) : x,
  );
}

/** True when `dn` is `base` or below it (case-insensitive). */
export function isUnder(dn: string, base: string): boolean {
  const d = normaliseDn(dn).toLowerCase();
  const b = normaliseDn(base).toLowerCase();
  return d === b || d.endsWith(`,${b}`);
}
