// A page of people written straight into the wire shape (wire.ts) as UTF-8 bytes, by the read worker's fast
// path (entry-columns.ts): directory values are copied from the LDAP message into the page's columns, so a
// person costs no strings, objects or arrays in the worker. The bytes are the UTF-8 of the string encodePage
// would have joined, and decodePage reads either. Records that need the general path join as objects (`odd`).
import type { ExternalPerson } from '../../framework/contract.js';
import type { WirePage } from './wire.js';

type MatchField = NonNullable<ExternalPerson['match']>['field'];

const SEP = 0x00;
const NULL = 0x01;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Whether a string can be a column: it holds no separator, is not the null mark (as encodePage's `col` says),
 * and is well-formed UTF-16 (its UTF-8 decodes back to it).
 */
export const fitsColumn = (s: string): boolean =>
  s !== '\u0001' && !s.includes('\u0000') && !LONE_SURROGATE.test(s);

/** Room for a page of 1,000 typical people before it has to grow. */
const INITIAL_BYTES = 256 * 1024;

export class WireWriter {
  /** Its own ArrayBuffer (never Node's shared pool), so the page can be transferred, not copied. */
  private buf = Buffer.allocUnsafeSlow(INITIAL_BYTES);
  private at = 0;
  /** A column has been written: every later one starts with the separator. */
  private started = false;
  private records = 0;
  private readonly odd: [number, ExternalPerson][] = [];
  /** Where the record being written began, to take it back (rollback). */
  private mark = 0;
  private markStarted = false;

  constructor(
    readonly f: string[],
    readonly m: MatchField | null,
  ) {}

  /** Starts a common-shape record. */
  begin(): void {
    this.mark = this.at;
    this.markStarted = this.started;
  }

  /** Ends the record begun last. */
  end(): void {
    this.records++;
  }

  /** Takes back the record begun last (it will travel as an object instead). */
  rollback(): void {
    this.at = this.mark;
    this.started = this.markStarted;
  }

  /** A record that does not fit the common shape (or that the fast path left to the general one). */
  addOdd(person: ExternalPerson): void {
    this.odd.push([this.records, person]);
    this.records++;
  }

  private column(room: number): void {
    if (this.at + room + 1 > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.at + room + 1));
      this.buf.copy(bigger, 0, 0, this.at);
      this.buf = bigger;
    }
    if (this.started) this.buf[this.at++] = SEP;
    this.started = true;
  }

  /** The disabled column: '1' or empty. */
  flag(on: boolean): void {
    this.column(1);
    if (on) this.buf[this.at++] = 0x31;
  }

  /** A null column. */
  nullColumn(): void {
    this.column(1);
    this.buf[this.at++] = NULL;
  }

  /**
   * A column of bytes the caller has checked (UTF-8 with no NUL, and not the null mark, a lone 0x01), after
   * `prefix` if given (an external id: domain, colon, anchor).
   */
  bytes(b: Buffer, start: number, stop: number, prefix?: Buffer): void {
    this.column((prefix?.length ?? 0) + stop - start);
    if (prefix) this.at += prefix.copy(this.buf, this.at);
    const out = this.buf;
    let at = this.at;
    // Directory values are short: a loop beats a native copy's call overhead below a few dozen bytes.
    if (stop - start < 48) for (let i = start; i < stop; i++) out[at++] = b[i] as number;
    else at += b.copy(out, at, start, stop);
    this.at = at;
  }

  /**
   * A string column, after `prefix` if given (itself fitsColumn); false (nothing written) when it cannot be one
   * (fitsColumn; behind a prefix the column is never the lone null mark).
   */
  text(s: string, prefix?: Buffer): boolean {
    if (prefix ? s.includes('\u0000') || LONE_SURROGATE.test(s) : !fitsColumn(s)) return false;
    this.column((prefix?.length ?? 0) + s.length * 3);
    if (prefix) this.at += prefix.copy(this.buf, this.at);
    this.at += this.buf.write(s, this.at, 'utf8');
    return true;
  }

  /** The page; the writer is done with (its buffer travels with the page). */
  finish(): WirePage {
    return {
      n: this.records,
      f: this.f,
      m: this.m,
      t: null,
      s: new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.at),
      odd: this.odd,
    };
  }
}
