// Small conversions shared by the core areas.
import { invalidInput } from '../errors.js';

export const toBool = (v: number | null | undefined): boolean => v === 1;
export const toFlag = (v: boolean): number => (v ? 1 : 0);

/** Trims a required name; empty is a 400 naming `field`. */
export function requireName(value: string | null | undefined, field = 'name'): string {
  const name = value?.trim() ?? '';
  if (name === '')
    throw invalidInput(`${field} is required`, [{ field, message: 'is required and must not be empty' }]);
  return name;
}

/** Normalises optional text: undefined stays "not given", empty/blank becomes null (cleared). */
export function optionalText(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const t = value.trim();
  return t === '' ? null : t;
}

/** Copies only the keys whose value is not undefined, so partial updates leave absent fields alone. */
export function definedOnly<T extends Record<string, unknown>>(
  obj: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
