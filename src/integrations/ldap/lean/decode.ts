// Decoding of the LDAP responses a paged search receives (RFC 4511 §4.1, §4.2, §4.5.2; RFC 2696), straight from
// the message bytes. A search result entry becomes the same plain entry ldapts' SearchEntry.toObject() builds
// (single value → the value, several → an array, none → []; ";binary" types, explicitly binary attributes
// and values that are not valid UTF-8 → Buffers), without the Attribute objects and per-value Buffers that
// parsing through ldapts makes: for a directory import those are most of the reader's CPU and garbage.
import { isUtf8 } from 'node:buffer';
import type { Entry } from 'ldapts';

/** A malformed or unexpected message: the connection cannot be trusted any further. */
export class LdapProtocolError extends Error {
  constructor(message: string) {
    super(`LDAP protocol error: ${message}`);
    this.name = 'LdapProtocolError';
  }
}

export const OP = {
  bindResponse: 0x61,
  searchEntry: 0x64,
  searchDone: 0x65,
  searchReference: 0x73,
  extendedResponse: 0x78,
} as const;

const PAGED_RESULTS_OID = '1.2.840.113556.1.4.319';

/**
 * Where the content of the element last read by `open` (or the length last read by `readLength`) ends: the
 * readers below return one offset and leave the other here. decodeEntry runs for every entry of an import
 * (~30 elements each), and a [start, stop] pair per element was most of the reader's garbage.
 */
let contentEnd = 0;

/** Offset just past the length octets at `at`; leaves in `contentEnd` that offset plus the length they encode. */
function readLength(b: Buffer, at: number, end: number): number {
  if (at >= end) throw new LdapProtocolError('truncated length');
  const first = b[at] as number;
  if (first < 0x80) {
    contentEnd = at + 1 + first;
    return at + 1;
  }
  const octets = first & 0x7f;
  // 4 octets cover any message this reader accepts; indefinite lengths (0x80) are not allowed in LDAP.
  if (octets === 0 || octets > 4 || at + 1 + octets > end) throw new LdapProtocolError('bad length');
  let len = 0;
  for (let i = 1; i <= octets; i++) len = len * 256 + (b[at + i] as number);
  contentEnd = at + 1 + octets + len;
  return at + 1 + octets;
}

/** The element with `tag` at `at`: returns where its content starts and leaves where it stops in `contentEnd`. */
function open(b: Buffer, at: number, end: number, tag: number): number {
  if (b[at] !== tag)
    throw new LdapProtocolError(`expected tag 0x${tag.toString(16)}, got 0x${(b[at] ?? 0).toString(16)}`);
  const start = readLength(b, at + 1, end);
  if (contentEnd > end) throw new LdapProtocolError('element overruns its container');
  return start;
}

/** The element with `tag` at `at`: its content's start and end (for the messages read once per page). */
function element(b: Buffer, at: number, end: number, tag: number): [start: number, stop: number] {
  const start = open(b, at, end, tag);
  return [start, contentEnd];
}

function integer(b: Buffer, start: number, stop: number): number {
  if (stop - start < 1 || stop - start > 4) throw new LdapProtocolError('bad integer');
  let v = (b[start] as number) & 0x80 ? -1 : 0;
  for (let i = start; i < stop; i++) v = v * 256 + (b[i] as number);
  return v;
}

/**
 * The byte length of the complete message starting at `at`, or undefined when `b` does not yet hold its
 * header. Used to cut the byte stream into messages.
 */
export function messageLength(b: Buffer, at: number): number | undefined {
  if (b.length - at < 2) return undefined;
  if (b[at] !== 0x30) throw new LdapProtocolError('a message must start with a SEQUENCE');
  const first = b[at + 1] as number;
  const octets = first < 0x80 ? 0 : first & 0x7f;
  if (b.length - at < 2 + octets) return undefined;
  readLength(b, at + 1, b.length);
  return contentEnd - at;
}

export interface Message {
  id: number;
  op: number;
  /** The protocol operation's content. */
  start: number;
  stop: number;
  /** The controls' content ([0] after the operation), if any. */
  controls?: [number, number];
}

/** The envelope of the complete message at b[at, end) (as cut by messageLength). */
export function decodeMessage(b: Buffer, at = 0, end = b.length): Message {
  at = open(b, at, end, 0x30);
  end = contentEnd;
  const idStart = open(b, at, end, 0x02);
  const idStop = contentEnd;
  const id = integer(b, idStart, idStop);
  if (idStop >= end) throw new LdapProtocolError('no protocol operation');
  const op = b[idStop] as number;
  const start = open(b, idStop, end, op);
  const stop = contentEnd;
  const m: Message = { id, op, start, stop };
  if (stop < end && b[stop] === 0xa0) m.controls = element(b, stop, end, 0xa0);
  return m;
}

export interface LdapResult {
  /** The result code (RFC 4511 §4.1.9). */
  status: number;
  matchedDN: string;
  /** The server's diagnostic message (named as ldapts names it, so StatusCodeParser can use it). */
  errorMessage: string;
  referrals: string[];
}

/** LDAPResult: resultCode, matchedDN, diagnosticMessage, [3] referral. */
export function decodeResult(b: Buffer, m: Message): LdapResult {
  const [cs, ce] = element(b, m.start, m.stop, 0x0a);
  const [ms, me] = element(b, ce, m.stop, 0x04);
  const [ds, de] = element(b, me, m.stop, 0x04);
  const referrals: string[] = [];
  if (de < m.stop && b[de] === 0xa3) {
    const [rs, re] = element(b, de, m.stop, 0xa3);
    for (let at = rs; at < re;) {
      const [us, ue] = element(b, at, re, 0x04);
      referrals.push(b.toString('utf8', us, ue));
      at = ue;
    }
  }
  return {
    status: integer(b, cs, ce),
    matchedDN: b.toString('utf8', ms, me),
    errorMessage: b.toString('utf8', ds, de),
    referrals,
  };
}

/** The URIs of a search result reference. */
export function decodeReference(b: Buffer, m: Message): string[] {
  const uris: string[] = [];
  for (let at = m.start; at < m.stop;) {
    const [s, e] = element(b, at, m.stop, 0x04);
    uris.push(b.toString('utf8', s, e));
    at = e;
  }
  return uris;
}

/** The cookie of the paged-results response control; an empty Buffer when the server sent none (the end). */
export function pagedCookie(b: Buffer, m: Message): Buffer {
  if (!m.controls) return Buffer.alloc(0);
  const [cs, ce] = m.controls;
  for (let at = cs; at < ce;) {
    const [s, e] = element(b, at, ce, 0x30);
    at = e;
    const [os, oe] = element(b, s, e, 0x04);
    if (b.toString('latin1', os, oe) !== PAGED_RESULTS_OID) continue;
    let v = oe;
    if (b[v] === 0x01) v = element(b, v, e, 0x01)[1]; // criticality
    if (v >= e) return Buffer.alloc(0);
    const [vs, ve] = element(b, v, e, 0x04);
    const [ss, se] = element(b, vs, ve, 0x30);
    const [, sizeStop] = element(b, ss, se, 0x02);
    const [ks, ke] = element(b, sizeStop, se, 0x04);
    return Buffer.from(b.subarray(ks, ke)); // a copy: the message's buffer is not kept alive by the cookie
  }
  return Buffer.alloc(0);
}

export type { Entry } from 'ldapts';
type EntryValue = string | Buffer;

const BINARY_TYPE = /;binary$/i;

/**
 * Attribute types seen before, with their lower-case forms and whether they carry the ";binary" option.
 * Every entry of a search names the same few types; reusing one string per type saves decoding it again, and
 * gives every entry of a read the same property names, so V8 gives the entries one shape instead of making
 * each a dictionary.
 */
export interface TypeName {
  name: string;
  lower: string;
  /** A ";binary" type: its values are always Buffers. */
  binaryOption: boolean;
}
const typeNames: TypeName[] = [];
const MAX_TYPE_NAMES = 256;

/** The type name stored as b[start, stop), from the cache when its bytes are there. `hint`: the likely slot. */
function typeName(b: Buffer, start: number, stop: number, hint: number): TypeName {
  const candidate = typeNames[hint];
  if (candidate && sameAscii(candidate.name, b, start, stop)) return candidate;
  for (const known of typeNames) if (sameAscii(known.name, b, start, stop)) return known;
  const name = b.toString('utf8', start, stop);
  const fresh = { name, lower: name.toLowerCase(), binaryOption: BINARY_TYPE.test(name) };
  if (typeNames.length < MAX_TYPE_NAMES) typeNames.push(fresh);
  return fresh;
}

/** Whether `s` is the bytes b[start, stop), byte for char (type names are ASCII; others never match). */
function sameAscii(s: string, b: Buffer, start: number, stop: number): boolean {
  if (s.length !== stop - start) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== b[start + i]) return false;
  return true;
}

/** The requested attribute names in lower case, worked out once per search instead of once per entry. */
const lowerRequested = new WeakMap<readonly string[], string[]>();
function lowerCaseOf(requested: readonly string[]): string[] {
  let lower = lowerRequested.get(requested);
  if (!lower) lowerRequested.set(requested, (lower = requested.map((a) => a.toLowerCase())));
  return lower;
}

/** The values of a set as Buffers (copies: the message's buffer is not kept alive by an entry). */
function buffersOf(b: Buffer, vs: number, ve: number): Buffer[] {
  const values: Buffer[] = [];
  for (let v = vs; v < ve;) {
    const s = open(b, v, ve, 0x04);
    v = contentEnd;
    values.push(Buffer.from(b.subarray(s, v)));
  }
  return values;
}

/**
 * The text values of a set, or undefined when one is not UTF-8 (utf8Slice replaces invalid bytes with U+FFFD;
 * only then is the value checked, as ldapts does with a fatal decoder: such a value makes the whole attribute
 * Buffers). One value is returned as itself, several as an array, none as [].
 */
function textsOf(b: Buffer, vs: number, ve: number): string | string[] | undefined {
  let one: string | undefined;
  let many: string[] | undefined;
  for (let v = vs; v < ve;) {
    const s = open(b, v, ve, 0x04);
    v = contentEnd;
    const text = b.toString('utf8', s, v);
    if (text.includes('\ufffd') && !isUtf8(b.subarray(s, v))) return undefined;
    if (many) many.push(text);
    else if (one === undefined) one = text;
    else many = [one, text];
  }
  return many ?? one ?? [];
}

/**
 * A search result entry as a plain object. `requested` attributes missing from the entry are [] (as in ldapts);
 * `binary` lists attribute types always returned as Buffers.
 */
export function decodeEntry(
  b: Buffer,
  m: Message,
  requested: readonly string[],
  binary: readonly string[],
): Entry {
  const view = entryReader;
  view.read(b, m, binary);
  const entry: Record<string, EntryValue | EntryValue[]> = { dn: view.dn() };
  for (let i = 0; i < view.count; i++) {
    const type = view.types[i] as TypeName;
    const vs = view.setStart[i] as number;
    const ve = view.setStop[i] as number;
    // No value set at all (typesOnly answers) reads as an empty one: [].
    const values = view.binary[i] ? undefined : textsOf(b, vs, ve);
    if (values !== undefined) {
      entry[type.name] = values;
      continue;
    }
    const buffers = buffersOf(b, vs, ve);
    entry[type.name] = buffers.length === 1 ? (buffers[0] as Buffer) : buffers;
  }
  const lower = lowerCaseOf(requested);
  for (let i = 0; i < requested.length; i++) {
    const attribute = requested[i] as string;
    if (entry[attribute] === undefined && !view.has(lower[i] as string)) entry[attribute] = [];
  }
  // Values of one attribute are all strings or all Buffers (see above), as ldapts' Entry type says.
  return entry as Entry;
}

/**
 * A search result entry read in place, by decodeEntry and by the import's fast path (sync/entry-columns.ts):
 * its DN and each attribute's value set as offsets into the message's bytes, which are valid only while the
 * message is being handled. Reused from entry to entry, so reading one allocates nothing but what the caller
 * decodes (it keeps the last message's buffer referenced until the next).
 */
export class EntryView {
  b: Buffer = Buffer.alloc(0);
  dnStart = 0;
  dnStop = 0;
  /** Attributes in the entry, in the server's order. */
  count = 0;
  readonly types: TypeName[] = [];
  /** Content of attribute i's value SET (empty when the server sent no set: a typesOnly answer). */
  setStart = new Int32Array(32);
  setStop = new Int32Array(32);
  /** Attribute i is returned as Buffers by decodeEntry (a ";binary" type or one of `binary`). */
  readonly binary: boolean[] = [];

  read(b: Buffer, m: Message, binary: readonly string[]): void {
    this.b = b;
    this.dnStart = open(b, m.start, m.stop, 0x04);
    this.dnStop = contentEnd;
    const as = open(b, this.dnStop, m.stop, 0x30);
    const ae = contentEnd;
    let n = 0;
    for (let at = as; at < ae; n++) {
      const ps = open(b, at, ae, 0x30);
      const pe = (at = contentEnd);
      const ts = open(b, ps, pe, 0x04);
      const te = contentEnd;
      const type = typeName(b, ts, te, n);
      if (n === this.setStart.length) this.grow();
      this.types[n] = type;
      this.binary[n] = type.binaryOption || binary.includes(type.name);
      if (pe === te) {
        this.setStart[n] = this.setStop[n] = te;
        continue;
      }
      this.setStart[n] = open(b, te, pe, 0x31);
      this.setStop[n] = contentEnd;
    }
    this.count = n;
  }

  dn(): string {
    return this.b.toString('utf8', this.dnStart, this.dnStop);
  }

  /** Whether the entry holds an attribute of this type, by its lower-case name. */
  has(lower: string): boolean {
    for (let i = 0; i < this.count; i++) if ((this.types[i] as TypeName).lower === lower) return true;
    return false;
  }

  private grow(): void {
    const size = this.setStart.length * 2;
    const start = new Int32Array(size);
    const stop = new Int32Array(size);
    start.set(this.setStart);
    stop.set(this.setStop);
    this.setStart = start;
    this.setStop = stop;
  }
}

/** The view decodeEntry reads each entry through (synchronously: one at a time). */
const entryReader = new EntryView();

/**
 * The value (an OCTET STRING) at b[at, end) of a value set: writes its content's start and stop into
 * `out[0]`, `out[1]` and returns where the next value starts.
 */
export function valueAt(b: Buffer, at: number, end: number, out: Int32Array): number {
  out[0] = open(b, at, end, 0x04);
  out[1] = contentEnd;
  return contentEnd;
}
