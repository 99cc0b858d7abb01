// Value plumbing for the reconciler: field selection, content hashes and diffs.
import crypto from 'node:crypto';
import type { Value, Values } from './types.js';

/** Keeps only the admin-selected fields (null = all); `name` is always kept when creating. */
export function selectFields(
  fields: Values,
  selected: readonly string[] | null | undefined,
  keep: readonly string[] = [],
): Values {
  const out: Values = {};
  for (const k in fields)
    if (!selected || selected.includes(k) || keep.includes(k)) out[k] = fields[k] as Value;
  return out;
}

/**
 * The record's column values: its fields, then its structural values (which win). Built by plain stores, not
 * `{ ...fields, ...structural }`: spreading a person's fields object took V8's slow cloning path and left ~2 KB
 * per record (an import's sampled garbage fell from ~0.81 to ~0.64 GB per 100,000 users without it).
 */
export function mergeValues(fields: Values, structural: Values): Values {
  const out: Values = {};
  for (const k in fields) out[k] = fields[k] as Value;
  for (const k in structural) out[k] = structural[k] as Value;
  return out;
}

/** A key set: its keys in insertion order, sorted, and each sorted key's JSON prefix `[key,` (with separator). */
interface Shape {
  keys: readonly string[];
  sorted: readonly string[];
  prefixes: readonly string[];
  /** The prefixes as bytes, when every key is printable ASCII (else the text is always built as a string). */
  prefixBytes: readonly Uint8Array[] | undefined;
}

/** Shapes by their keys in insertion order (joined by NUL). */
const shapes = new Map<string, Shape>();
/** The shape of the last values hashed: a read's records almost all share one. */
let lastShape: Shape | undefined;

/** Strings JSON.stringify would leave as they are between quotes. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const PLAIN = /^[^"\\\u0000-\u001f\u2028\u2029\ud800-\udfff]*$/;

/** The values' shape; the last one is recognised by walking the keys, with no array or string built. */
function shapeOf(values: Values): Shape {
  const last = lastShape;
  if (last) {
    const keys = last.keys;
    let i = 0;
    let same = true;
    for (const k in values) {
      if (keys[i++] !== k) {
        same = false;
        break;
      }
    }
    if (same && i === keys.length) return last;
  }
  const keys = Object.keys(values);
  const id = keys.join('\u0000');
  let shape = shapes.get(id);
  if (!shape) {
    const sorted = [...keys].sort();
    const prefixes = sorted.map((k, i) => `${i ? ',' : ''}[${JSON.stringify(k)},`);
    const ascii = prefixes.every((p) => /^[\x20-\x7e]*$/.test(p));
    shape = {
      keys,
      sorted,
      prefixes,
      prefixBytes: ascii ? prefixes.map((p) => Buffer.from(p, 'latin1')) : undefined,
    };
    if (shapes.size >= 1000) shapes.clear();
    shapes.set(id, shape);
  }
  lastShape = shape;
  return shape;
}

/**
 * A digest of the values, independent of key order: sha256 of the JSON of the [key, value] pairs sorted by key.
 * Stored on the record's link. It runs once per record of every read, so the sorted key order is kept per key
 * set, and printable ASCII text (nearly always) is written as bytes into a reused buffer instead of a string.
 */
export function contentHash(values: Values): string {
  const shape = shapeOf(values);
  const length = shape.prefixBytes ? asciiText(values, shape) : -1;
  const text = length >= 0 ? scratch.subarray(0, length) : jsonText(values, shape);
  return crypto.hash('sha256', text, 'base64url').slice(0, 32);
}

/**
 * Holds a record's text while it is hashed, when the text is printable ASCII (nearly always): its bytes are the
 * text's UTF-8, written here without building a string (which made ~3 KB of garbage per record).
 */
const scratch = Buffer.allocUnsafe(16 * 1024);

const NULL_BYTES = Buffer.from('null');

/** Writes the text of contentHash into `scratch`; its length, or -1 when it is not plain ASCII or too long. */
function asciiText(values: Values, { sorted, prefixBytes }: Shape): number {
  const prefixes = prefixBytes as readonly Uint8Array[];
  let at = 0;
  scratch[at++] = 0x5b; // [
  for (let i = 0; i < sorted.length; i++) {
    const prefix = prefixes[i] as Uint8Array;
    if (at + prefix.length + 5 > scratch.length) return -1;
    scratch.set(prefix, at);
    at += prefix.length;
    const v = values[sorted[i] as string];
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) {
      scratch.set(NULL_BYTES, at);
      at += 4;
    } else if (typeof v === 'string') {
      at = writeString(v, at);
    } else if (typeof v === 'number') {
      at = writeNumber(v, at);
    } else {
      return -1;
    }
    if (at < 0) return -1;
    scratch[at++] = 0x5d; // ]
  }
  if (at >= scratch.length) return -1;
  scratch[at++] = 0x5d;
  return at;
}

/** A string as JSON writes it (quoted), when it is printable ASCII with nothing to escape; else -1. */
function writeString(s: string, from: number): number {
  if (from + s.length + 3 > scratch.length) return -1;
  let at = from;
  scratch[at++] = 0x22;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return -1;
    scratch[at++] = c;
  }
  scratch[at++] = 0x22;
  return at;
}

/** A finite number as JSON writes it, which is as String() does (ASCII by construction). */
function writeNumber(n: number, from: number): number {
  const s = String(n);
  if (from + s.length + 2 > scratch.length) return -1;
  let at = from;
  for (let i = 0; i < s.length; i++) scratch[at++] = s.charCodeAt(i);
  return at;
}

/** The same text as a string, for values or keys outside printable ASCII. */
function jsonText(values: Values, { sorted, prefixes }: Shape): string {
  let text = '[';
  for (let i = 0; i < sorted.length; i++) {
    const v = values[sorted[i] as string];
    text += prefixes[i] as string;
    text +=
      v === null || v === undefined
        ? 'null'
        : typeof v === 'string' && PLAIN.test(v)
          ? '"' + v + '"'
          : JSON.stringify(v);
    text += ']';
  }
  return text + ']';
}

const norm = (v: unknown): Value =>
  v === undefined || v === null || v === '' ? null : typeof v === 'number' ? v : String(v);

/** The values that differ from the current row, with old and new. */
export function diff(
  current: Record<string, unknown>,
  next: Values,
): Record<string, { from: Value; to: Value }> {
  const out: Record<string, { from: Value; to: Value }> = {};
  for (const [k, v] of Object.entries(next)) {
    const from = norm(current[k]);
    const to = norm(v);
    if (from !== to && !(typeof from === 'number' && typeof to === 'string' && String(from) === to))
      out[k] = { from, to };
  }
  return out;
}
