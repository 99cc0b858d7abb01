// The read worker's fast path for a full import: a search result entry goes from the LDAP message's bytes
// straight into the page's wire columns (wire-writer.ts), without the entry object, its ~16 value strings,
// the person object and the column array that decodeEntry → entryToPerson → encodePage build per person.
// Those were most of the worker's CPU and garbage (bench/README.md).
//
// It gives exactly what the general path gives, or declines: for any entry it is not sure of (a value with
// whitespace at an end, a non-ASCII value that is not plain UTF-8, a missing name, a duplicated attribute, an
// anchor that is not plain text or a 16-byte GUID…) encode() returns false and the caller takes the general
// path for that entry. entry-columns.test.ts holds the two paths to the same output.
import { isExpired, notYetValid, windowOf, type AccountWindow } from '../account-expiry.js';
import { valueAt, type EntryView, type TypeName } from '../lean/decode.js';
import { attributesToRead, fieldPlanOf, type PersonContext } from '../mappers.js';
import { guidToString, rdnValue } from '../vendor.js';
import { fitsColumn, WireWriter } from './wire-writer.js';

/** How a field's value is written. */
interface FieldSlot {
  /** Index into the encoder's slots, by lower-case attribute name. */
  slot: number;
  /** A DN-valued attribute (manager): the field gets the DN's first RDN value. */
  dnValued: boolean;
  /** name, firstname or surname: one of them must have a value, or the general path names the person. */
  isName: boolean;
}

const range = new Int32Array(2);
const MAX_SEEN_TYPES = 1024;

/**
 * Whether b[start, stop) can be copied as a column as it is: what text() (first value, trimmed) and the wire
 * would keep unchanged. Printable ASCII at both ends (so trim() removes nothing), ASCII inside, no NUL.
 */
function plainAscii(b: Buffer, start: number, stop: number): boolean {
  if (stop <= start) return false;
  const first = b[start] as number;
  const last = b[stop - 1] as number;
  if (first < 0x21 || first > 0x7e || last < 0x21 || last > 0x7e) return false;
  for (let i = start + 1; i < stop - 1; i++) {
    const c = b[i] as number;
    if (c === 0 || c > 0x7f) return false;
  }
  return true;
}

export class EntryEncoder {
  readonly writer: () => WireWriter;
  private readonly slots = new Map<string, number>();
  /** Per attribute type seen: its slot, or -1 (not read by this encoder). */
  private readonly bySeenType = new Map<TypeName, number>();
  /** Per slot: the index of the entry's attribute in it, or -1. Reset for each entry. */
  private readonly found: Int32Array;
  private readonly fields: FieldSlot[];
  private readonly anchor: number;
  private readonly match: number;
  private readonly disabledBy: number;
  /** With the read's clock known: the vendor's window and its attributes' slots; else -1. */
  private readonly window: AccountWindow | undefined;
  private readonly expiresBy: number;
  private readonly startsBy: number;
  private readonly stampSlot: number;
  private readonly prefix: Buffer;
  private readonly containers = new Map<string, Buffer | null>();
  /** The entry last encoded: its modifyTimestamp (OpenLDAP watermark), when it has one. */
  modifyTimestamp: string | undefined;

  private constructor(private readonly p: PersonContext) {
    const slotOf = (attribute: string) => {
      const key = attribute.toLowerCase();
      let s = this.slots.get(key);
      if (s === undefined) this.slots.set(key, (s = this.slots.size));
      return s;
    };
    const plan = fieldPlanOf(p.map);
    this.fields = plan.map((f) => ({
      slot: slotOf(f.attribute),
      dnValued: f.dnValued,
      isName: f.field === 'name' || f.field === 'firstname' || f.field === 'surname',
    }));
    this.anchor = slotOf(p.anchor);
    this.match = p.matchExisting ? slotOf(p.matchExisting.attribute) : -1;
    this.disabledBy = slotOf(p.vendor === 'ad' ? 'userAccountControl' : 'pwdAccountLockedTime');
    this.window = p.expiryNow === undefined ? undefined : windowOf(p.vendor);
    this.expiresBy = this.window ? slotOf(this.window.end.attribute) : -1;
    this.startsBy = this.window?.start ? slotOf(this.window.start.attribute) : -1;
    this.stampSlot = p.vendor === 'openldap' ? slotOf('modifyTimestamp') : -1;
    this.found = new Int32Array(this.slots.size);
    this.prefix = Buffer.from(`${p.domainId}:`, 'utf8');
    const f = plan.map((x) => x.field);
    const m = p.matchExisting?.field ?? null;
    this.writer = () => new WireWriter(f, m);
  }

  /**
   * An encoder for the people of this context, or undefined when the fast path does not apply to it at all:
   * onboarding tickets (their text is filled per person), an attribute the general path reads specially
   * (`dn`), or a domain id that could not be a column.
   */
  static for(p: PersonContext): EntryEncoder | undefined {
    if (p.onboarding) return undefined;
    if (attributesToRead(p).some((a) => a.toLowerCase() === 'dn')) return undefined;
    if (!fitsColumn(`${p.domainId}:`)) return undefined;
    return new EntryEncoder(p);
  }

  /** The slot attribute type `t` fills, or -1. */
  private slotOfType(t: TypeName): number {
    let s = this.bySeenType.get(t);
    if (s === undefined) {
      s = this.slots.get(t.lower) ?? -1;
      // decode.ts caches a bounded number of type names; past it each entry brings fresh ones: not kept.
      if (this.bySeenType.size < MAX_SEEN_TYPES) this.bySeenType.set(t, s);
    }
    return s;
  }

  /** The container's DN as a column, encoded once per container; null when it cannot be a column. */
  private container(id: string): Buffer | null {
    let bytes = this.containers.get(id);
    if (bytes === undefined) {
      bytes = fitsColumn(id) ? Buffer.from(id, 'utf8') : null;
      this.containers.set(id, bytes);
    }
    return bytes;
  }

  /**
   * Writes the person the entry in `view` describes, placed in `containerId`, as a record of `w`'s page and
   * returns true; or writes nothing and returns false when the general path must take it.
   */
  encode(view: EntryView, containerId: string, w: WireWriter): boolean {
    const found = this.found;
    found.fill(-1);
    for (let i = 0; i < view.count; i++) {
      const s = this.slotOfType(view.types[i] as TypeName);
      if (s < 0) continue;
      if (found[s] !== -1) return false; // the same attribute twice (two spellings): left to the general path
      found[s] = i;
    }
    const b = view.b;
    this.modifyTimestamp = undefined;
    if (this.stampSlot >= 0) {
      const i = found[this.stampSlot] as number;
      if (i >= 0 && !view.binary[i] && view.setStart[i] !== view.setStop[i]) {
        valueAt(b, view.setStart[i] as number, view.setStop[i] as number, range);
        if (!plainAscii(b, range[0] as number, range[1] as number)) return false;
        this.modifyTimestamp = b.toString('latin1', range[0], range[1]);
      }
    }
    const container = this.container(containerId);
    if (container === null) return false;
    w.begin();
    if (!this.externalId(view, w)) return this.decline(w);
    w.bytes(container, 0, container.length);
    w.flag(this.disabled(view));
    let named = false;
    for (let k = 0; k < this.fields.length; k++) {
      const f = this.fields[k] as FieldSlot;
      const written = this.text(view, found[f.slot] as number, f.dnValued, w);
      if (written === undefined) return this.decline(w);
      if (written && f.isName) named = true;
    }
    // No name, first name or surname: the general path names the person after cn.
    if (!named) return this.decline(w);
    if (this.match >= 0 && this.text(view, found[this.match] as number, false, w) === undefined)
      return this.decline(w);
    w.end();
    return true;
  }

  private decline(w: WireWriter): false {
    w.rollback();
    return false;
  }

  /** domain:anchor, as anchorText makes it: a 16-byte binary value as a GUID, text trimmed and lower-cased. */
  private externalId(view: EntryView, w: WireWriter): boolean {
    const i = this.found[this.anchor] as number;
    if (i < 0) return false;
    const b = view.b;
    const setStart = view.setStart[i] as number;
    const setStop = view.setStop[i] as number;
    if (setStart === setStop) return false;
    const next = valueAt(b, setStart, setStop, range);
    const start = range[0] as number;
    const stop = range[1] as number;
    if (view.binary[i]) {
      if (stop - start !== 16) return false;
      return w.text(guidToString(b.subarray(start, stop)), this.prefix);
    }
    // One plain value (several, or one not UTF-8, make the general path's value Buffers: hex).
    if (next !== setStop || !plainAscii(b, start, stop)) return false;
    for (let j = start; j < stop; j++) {
      const c = b[j] as number;
      if (c >= 0x41 && c <= 0x5a) return w.text(b.toString('latin1', start, stop).toLowerCase(), this.prefix);
    }
    w.bytes(b, start, stop, this.prefix);
    return true;
  }

  /**
   * AD: userAccountControl has ACCOUNTDISABLE (0x2). OpenLDAP and others: pwdAccountLockedTime has a value.
   * Either: the vendor's expiry is past the read's clock, or its start (pwdStartTime) still ahead of it.
   */
  private disabled(view: EntryView): boolean {
    if (this.p.vendor === 'ad') {
      const uac = Number(this.firstValue(view, this.disabledBy) ?? '0');
      if (Number.isFinite(uac) && (uac & 0x2) === 0x2) return true;
    } else {
      const i = this.found[this.disabledBy] as number;
      if (i >= 0 && view.setStart[i] !== view.setStop[i]) return true;
    }
    const window = this.window;
    if (window === undefined) return false;
    const now = this.p.expiryNow;
    return (
      isExpired(window.end, this.firstValue(view, this.expiresBy), now) ||
      (window.start !== undefined && notYetValid(window.start, this.firstValue(view, this.startsBy), now))
    );
  }

  /** The first value of the attribute in `slot` as text, or undefined when the entry has none. */
  private firstValue(view: EntryView, slot: number): string | undefined {
    const i = this.found[slot] as number;
    if (i < 0 || view.setStart[i] === view.setStop[i]) return undefined;
    valueAt(view.b, view.setStart[i] as number, view.setStop[i] as number, range);
    return view.b.toString('latin1', range[0], range[1]);
  }

  /**
   * The first value of attribute i, trimmed, as a column (null when absent, empty or blank); true when a value
   * was written, false for null, undefined when the general path must take the entry.
   */
  private text(view: EntryView, i: number, dnValued: boolean, w: WireWriter): boolean | undefined {
    if (i < 0 || view.setStart[i] === view.setStop[i]) {
      w.nullColumn();
      return false;
    }
    const b = view.b;
    valueAt(b, view.setStart[i] as number, view.setStop[i] as number, range);
    const start = range[0] as number;
    const stop = range[1] as number;
    if (!dnValued && plainAscii(b, start, stop)) {
      w.bytes(b, start, stop);
      return true;
    }
    const raw = b.toString('utf8', start, stop);
    // Not UTF-8 (or holding U+FFFD): the general path's Buffers and replacement characters, left to it.
    if (raw.includes('\ufffd')) return undefined;
    const trimmed = raw.trim();
    if (!trimmed) {
      w.nullColumn();
      return false;
    }
    const value = dnValued ? rdnValue(trimmed) : trimmed;
    if (!w.text(value)) return undefined;
    return value !== '';
  }
}
