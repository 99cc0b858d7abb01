// Value plumbing for the reconciler: field selection, content hashes and diffs.
import crypto from 'node:crypto';
import type { Value, Values } from './types.js';

/** Keeps only the admin-selected fields (null = all); `name` is always kept when creating. */
export function selectFields(
  fields: Values,
  selected: readonly string[] | null | undefined,
  keep: readonly string[] = [],
): Values {
  if (!selected) return { ...fields };
  const allow = new Set([...selected, ...keep]);
  return Object.fromEntries(Object.entries(fields).filter(([k]) => allow.has(k)));
}

/** A key set: its keys in insertion order, sorted, and each sorted key's JSON prefix `[key,` (with separator). */
interface Shape {
  keys: readonly string[];
  sorted: readonly string[];
  prefixes: readonly string[];
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
    shape = { keys, sorted, prefixes: sorted.map((k, i) => `${i ? ',' : ''}[${JSON.stringify(k)},`) };
    if (shapes.size >= 1000) shapes.clear();
    shapes.set(id, shape);
  }
  lastShape = shape;
  return shape;
}

/**
 * A digest of the values, independent of key order: sha256 of the JSON of the [key, value] pairs sorted by key.
 * Stored on the record's link. It runs once per record of every read, so the sorted key order is kept per key
 * set and plain strings skip JSON.stringify (the text is the same).
 */
export function contentHash(values: Values): string {
  const { sorted, prefixes } = shapeOf(values);
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
  return crypto.hash('sha256', text + ']', 'base64url').slice(0, 32);
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
