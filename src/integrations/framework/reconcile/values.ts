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

/** Per key set (in insertion order): the keys sorted, each with its JSON prefix `[key,` (with the separator). */
const keyOrders = new Map<string, [string, string][]>();
/** Strings JSON.stringify would leave as they are between quotes. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const PLAIN = /^[^"\\\u0000-\u001f\u2028\u2029\ud800-\udfff]*$/;

const json = (v: Value | undefined): string =>
  v === null || v === undefined
    ? 'null'
    : typeof v === 'string' && PLAIN.test(v)
      ? `"${v}"`
      : JSON.stringify(v);

/**
 * A digest of the values, independent of key order: sha256 of the JSON of the [key, value] pairs sorted by key.
 * Stored on the record's link. It runs once per record of every read, so the sorted key order is kept per key
 * set and plain strings skip JSON.stringify (the text is the same).
 */
export function contentHash(values: Values): string {
  const keys = Object.keys(values);
  const shape = keys.join('\u0000');
  let order = keyOrders.get(shape);
  if (!order) {
    order = keys.sort().map((k, i) => [k, `${i ? ',' : ''}[${JSON.stringify(k)},`]);
    if (keyOrders.size >= 1000) keyOrders.clear();
    keyOrders.set(shape, order);
  }
  let text = '[';
  for (const [k, prefix] of order) text += `${prefix}${json(values[k])}]`;
  return crypto.hash('sha256', `${text}]`, 'base64url').slice(0, 32);
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
