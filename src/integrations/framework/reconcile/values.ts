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

/**
 * A digest of the values, independent of key order: sha256 of the JSON of the [key, value] pairs sorted by key.
 * Stored on the record's link; the text is built directly (no pair arrays), as this runs once per record.
 */
export function contentHash(values: Values): string {
  const keys = Object.keys(values).sort();
  let text = '[';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    text += `${i ? ',' : ''}[${JSON.stringify(k)},${JSON.stringify(values[k] ?? null)}]`;
  }
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
