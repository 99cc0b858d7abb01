// The shape a page of people crosses from the read worker to the main thread in. The main thread also writes
// the database, so what it pays to receive a page matters. Structured clone costs about a microsecond per
// string, so a page of people as objects (or as a flat array of strings) costs ~150 ms per 100,000 people to
// deserialise; the same values joined into ONE string cost ~1 ms per page to clone, and splitting it and
// building the objects brings the total to well under half (measured by bench/ldap/wire-format.ts).
// Columns are in a fixed order with the field names sent once per page. A person that does not fit the page's
// common shape (other field names, a memberOf list, a different match field or ticket settings, a value holding
// the separator) travels as an object, so decoding is exact for any ExternalPerson.
import type { ExternalPerson } from '../../framework/contract.js';

/** Separates values; a value containing it makes its record travel as an object. */
const SEP = '\u0000';
/** Stands for null (a value equal to it also makes its record travel as an object). */
const NULL = '\u0001';

type Ticket = NonNullable<ExternalPerson['onboardingTicket']>;
type MatchField = NonNullable<ExternalPerson['match']>['field'];
/** The onboarding ticket's settings shared by a page (everything but the per-person texts). */
interface TicketShape {
  details: boolean;
  ticketTypeId?: number;
  teamId?: number;
  priorityId?: number;
}

export interface WirePage {
  /** Number of records. */
  n: number;
  /** Field names, in the order every common-shape record's `fields` has them. */
  f: string[];
  /** The match field when the common shape carries one (then a value column follows the fields). */
  m: MatchField | null;
  /** The ticket settings when the common shape carries tickets (then summary and details columns follow). */
  t: TicketShape | null;
  /**
   * The common-shape records' columns joined by SEP: externalId, containerId, disabled ('1' or ''), fields…,
   * [match value], [ticket summary, details]; null as NULL. As bytes: the UTF-8 of that string, written by the
   * worker's fast path (wire-writer.ts) and transferred, not copied.
   */
  s: string | Uint8Array;
  /** Records that do not fit the common shape, with their index in the page. */
  odd: [number, ExternalPerson][];
}

const ticketShape = (t: Ticket): TicketShape => ({
  details: t.details !== undefined,
  ...(t.ticketTypeId !== undefined ? { ticketTypeId: t.ticketTypeId } : {}),
  ...(t.teamId !== undefined ? { teamId: t.teamId } : {}),
  ...(t.priorityId !== undefined ? { priorityId: t.priorityId } : {}),
});

const TICKET_KEYS = ['summary', 'details', 'ticketTypeId', 'teamId', 'priorityId'];

/** The ticket rebuilt from the shape has the same keys, in the same order, with the same values. */
function sameTicket(a: TicketShape, t: Ticket): boolean {
  if (a.details !== (t.details !== undefined)) return false;
  if (a.ticketTypeId !== t.ticketTypeId || a.teamId !== t.teamId || a.priorityId !== t.priorityId)
    return false;
  let at = 0;
  for (const k in t) {
    const i = TICKET_KEYS.indexOf(k, at);
    if (i < 0 || t[k as keyof Ticket] === undefined) return false;
    at = i + 1;
  }
  return true;
}

const PERSON_KEYS = ['externalId', 'containerId', 'disabled', 'fields', 'match', 'onboardingTicket'];

/** Keys in the order decodePage creates them, optional ones only when set, and nothing else (no memberOf). */
function commonKeys(r: ExternalPerson): boolean {
  let at = 0;
  for (const k in r) {
    const i = PERSON_KEYS.indexOf(k, at);
    if (i < 0 || (i >= 4 && r[k as keyof ExternalPerson] === undefined)) return false;
    if (i < 4 && i !== at) return false;
    at = i + 1;
  }
  return at >= 4;
}

function fieldsFit(names: readonly string[], fields: Record<string, string | null>): boolean {
  let i = 0;
  for (const k in fields) if (names[i++] !== k) return false;
  return i === names.length;
}

/** A value as a column; undefined when it cannot be one (it holds the separator or equals the null mark). */
const col = (v: string | null | undefined): string | undefined =>
  v === null || v === undefined ? NULL : v === NULL || v.includes(SEP) ? undefined : v;

const MATCH_KEYS = ['field', 'value'];

/** A match of the page's match field with exactly the keys decodePage gives it (field, then value). */
function matchFits(match: NonNullable<ExternalPerson['match']>, m: MatchField | null): boolean {
  if (match.field !== m) return false;
  let i = 0;
  for (const k in match) if (k !== MATCH_KEYS[i++]) return false;
  return i === MATCH_KEYS.length;
}

/**
 * Appends the record's columns to `cols` and returns true, or leaves `cols` as it was and returns false when
 * the record does not fit the page's common shape. Written straight into the page's columns: this runs for
 * every person a read sends, and a row array per person was garbage for the worker to collect.
 */
function pushColumns(
  cols: (string | undefined)[],
  r: ExternalPerson,
  f: readonly string[],
  m: MatchField | null,
  t: TicketShape | null,
): boolean {
  if (
    !commonKeys(r) ||
    typeof r.disabled !== 'boolean' ||
    (r.match !== undefined && !matchFits(r.match, m)) ||
    (r.onboardingTicket !== undefined && (t === null || !sameTicket(t, r.onboardingTicket))) ||
    !fieldsFit(f, r.fields)
  )
    return false;
  const mark = cols.length;
  cols.push(col(r.externalId), col(r.containerId), r.disabled ? '1' : '');
  for (const k of f) cols.push(col(r.fields[k]));
  if (m !== null) cols.push(r.match ? col(r.match.value) : NULL);
  if (t !== null) {
    const ticket = r.onboardingTicket;
    cols.push(
      ticket ? col(ticket.summary) : NULL,
      ticket?.details !== undefined ? col(ticket.details) : NULL,
    );
  }
  for (let i = mark; i < cols.length; i++)
    if (cols[i] === undefined) {
      cols.length = mark; // a value that cannot be a column: the record travels as an object
      return false;
    }
  return true;
}

export function encodePage(records: readonly ExternalPerson[]): WirePage {
  const head = records[0];
  const f = head ? Object.keys(head.fields) : [];
  const m = records.find((r) => r.match)?.match?.field ?? null;
  const withTicket = records.find((r) => r.onboardingTicket)?.onboardingTicket;
  const t = withTicket ? ticketShape(withTicket) : null;
  const cols: (string | undefined)[] = [];
  const odd: [number, ExternalPerson][] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as ExternalPerson;
    if (!pushColumns(cols, r, f, m, t)) odd.push([i, r]);
  }
  return { n: records.length, f, m, t, s: cols.join(SEP), odd };
}

export function decodePage(w: WirePage): ExternalPerson[] {
  const { f, m, t, odd } = w;
  const text =
    typeof w.s === 'string' ? w.s : Buffer.from(w.s.buffer, w.s.byteOffset, w.s.byteLength).toString('utf8');
  const s = w.n > odd.length ? text.split(SEP) : [];
  const nf = f.length;
  const out: ExternalPerson[] = [];
  let nextOdd = odd.length ? (odd[0] as [number, ExternalPerson])[0] : -1;
  let oddAt = 0;
  let c = 0;
  for (let i = 0; i < w.n; i++) {
    if (i === nextOdd) {
      out.push((odd[oddAt] as [number, ExternalPerson])[1]);
      oddAt++;
      nextOdd = oddAt < odd.length ? (odd[oddAt] as [number, ExternalPerson])[0] : -1;
      continue;
    }
    const fields: Record<string, string | null> = {};
    for (let j = 0; j < nf; j++) {
      const x = s[c + 3 + j] as string;
      fields[f[j] as string] = x === NULL ? null : x;
    }
    const p: ExternalPerson = {
      externalId: s[c] as string,
      containerId: s[c + 1] as string,
      disabled: s[c + 2] === '1',
      fields,
    };
    c += 3 + nf;
    if (m !== null) {
      const value = s[c++] as string;
      if (value !== NULL) p.match = { field: m, value };
    }
    if (t !== null) {
      const summary = s[c] as string;
      const details = s[c + 1] as string;
      c += 2;
      if (summary !== NULL)
        p.onboardingTicket = {
          summary,
          ...(t.details ? { details } : {}),
          ...(t.ticketTypeId !== undefined ? { ticketTypeId: t.ticketTypeId } : {}),
          ...(t.teamId !== undefined ? { teamId: t.teamId } : {}),
          ...(t.priorityId !== undefined ? { priorityId: t.priorityId } : {}),
        };
    }
    out.push(p);
  }
  return out;
}
