// The values side of the config form generated from a connector's JSON Schema (schema-form.tsx draws it):
// what kind of control each schema node gets, the defaults a new form starts from, the checks made before
// anything is sent, and the config that is sent. Pure functions, so they are tested without a browser.
//
// The kinds, after nullable wrappers are unwrapped:
// - object with properties: a section. A section the parent requires is always there. An optional one (LDAP's
//   onboarding tickets, match existing records) is switched on or off: off, nothing of it is sent, so the
//   server's default applies (or, for a nullable section with a default, null turns it off); on, its fields
//   are checked and sent. Before this, an optional section was always sent as `{}`, which turned on what it
//   configures, and its required fields blocked every save.
// - array of objects (LDAP's domains): a list of sections, added and removed one by one.
// - object whose keys are an enum (LDAP's field → attribute overrides): one text box per key.
// - an id from one of the server's short lists (a ticket type, priority or team): a select by name.
// - array of strings: one per line; and plain strings, numbers, booleans and enums.
import type { JsonSchema } from '../api/integrations.js';

export type FormValues = Record<string, unknown>;

export type SchemaKind =
  'section' | 'list' | 'map' | 'lines' | 'boolean' | 'enum' | 'choice' | 'number' | 'secret' | 'text';

/** Unwraps `anyOf: [X, {type:'null'}]` (zod's nullable/optional output) to X. */
export function unwrapNullable(s: JsonSchema): JsonSchema {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) {
    const real = alts.filter((a) => a.type !== 'null');
    if (real.length === 1 && real[0])
      return {
        ...real[0],
        ...(s.title ? { title: s.title } : {}),
        ...(s.description ? { description: s.description } : {}),
        ...(s.default !== undefined ? { default: s.default } : {}),
        ...(s.secret || s.writeOnly ? { writeOnly: true } : {}),
        ...(real.length < alts.length ? { nullable: true } : {}),
      };
  }
  return s;
}

const typeOf = (s: JsonSchema): string =>
  Array.isArray(s.type)
    ? (s.type.find((t) => t !== 'null') ?? 'string')
    : (s.type ?? (s.enum ? 'string' : s.properties ? 'object' : 'string'));

export const isSecret = (s: JsonSchema): boolean => s.writeOnly === true || s.secret === true;

/** The control a (nullable-unwrapped) schema node gets. */
export function kindOf(s: JsonSchema): SchemaKind {
  const t = typeOf(s);
  if (t === 'object' && s.properties) return 'section';
  if (t === 'object' && s.propertyNames?.enum) return 'map';
  if (t === 'array' && s.items && typeOf(unwrapNullable(s.items)) === 'object' && s.items.properties)
    return 'list';
  if (t === 'array') return 'lines';
  if (t === 'boolean') return 'boolean';
  if (s.enum) return 'enum';
  if (t === 'integer' && s.choices) return 'choice';
  if (t === 'integer' || t === 'number') return 'number';
  if (isSecret(s)) return 'secret';
  return 'text';
}

const isObject = (v: unknown): v is FormValues => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Whether an optional section is on: its value is an object, or it has none and the schema's default is one
 * (the server fills that in). Off: null, or no value and no default.
 */
export function sectionOn(s: JsonSchema, value: unknown): boolean {
  if (isObject(value)) return true;
  return value === undefined && isObject(s.default);
}

/** The value an optional section takes when switched on or off. */
export function sectionToggled(s: JsonSchema, on: boolean): FormValues | null | undefined {
  if (on) return isObject(s.default) ? { ...s.default } : {};
  // A section whose default is on can only be turned off by sending null (when the schema allows it).
  return isObject(s.default) && s.nullable ? null : undefined;
}

/**
 * The values a section's fields are drawn from: a section on by its default alone shows that default as its
 * values, so editing one field keeps the others (the server requires them all once the section is sent).
 */
export function seededSection(s: JsonSchema, values: FormValues, path: readonly string[]): FormValues {
  const value = getAt(values, path);
  return value === undefined && isObject(s.default) ? setAt(values, path, { ...s.default }) : values;
}

export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words
    .charAt(0)
    .toUpperCase()
    .concat(words.slice(1))
    .replace(/\b(id|url|api|tls|ldap|dn|ou|sso|smtp|oauth|http|https)\b/gi, (m) => m.toUpperCase());
}

/** "Domains" → "Domain": what one element of a list is called. */
export function singular(label: string): string {
  return /[^s]s$/i.test(label) ? label.slice(0, -1) : label;
}

export function getAt(values: unknown, path: readonly string[]): unknown {
  let cur: unknown = values;
  for (const k of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as FormValues)[k];
  }
  return cur;
}

/** A copy of `values` with `path` set (undefined removes it); arrays along the path stay arrays. */
export function setAt(values: FormValues, path: readonly string[], value: unknown): FormValues {
  return setIn(values, path, value) as FormValues;
}

function setIn(container: unknown, path: readonly string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(container)) {
    const copy = [...(container as unknown[])];
    copy[Number(head)] = setIn(copy[Number(head)], rest, value);
    return copy;
  }
  const obj = isObject(container) ? container : {};
  const next = rest.length === 0 ? value : setIn(obj[head], rest, value);
  if (next === undefined) return Object.fromEntries(Object.entries(obj).filter(([k]) => k !== head));
  return { ...obj, [head]: next };
}

/** A copy of the list at `path` without element `index`. */
export function removeAt(values: FormValues, path: readonly string[], index: number): FormValues {
  const list = getAt(values, path);
  return setAt(values, path, Array.isArray(list) ? list.filter((_, i) => i !== index) : []);
}

/**
 * Defaults from the schema for a new form. Required sections start with their own defaults, optional ones
 * start off, and a list that needs at least one element starts with one.
 */
export function defaultsFor(schema: JsonSchema): FormValues {
  const out: FormValues = {};
  const required = new Set(schema.required ?? []);
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const s = unwrapNullable(raw);
    const kind = kindOf(s);
    if (kind === 'section') {
      if (required.has(key)) out[key] = defaultsFor(s);
    } else if (kind === 'list' && s.default === undefined) {
      if ((s.minItems ?? 0) > 0 && s.items) out[key] = [defaultsFor(unwrapNullable(s.items))];
    } else if (s.default !== undefined) out[key] = s.default;
  }
  return out;
}

const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Checks required fields and simple bounds before anything is sent; the server validates again. */
export function validateAgainst(
  schema: JsonSchema,
  values: FormValues,
  storedSecrets: Record<string, { set: boolean }> = {},
  prefix = '',
): Record<string, string> {
  const errors: Record<string, string> = {};
  const required = new Set(schema.required ?? []);
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const s = unwrapNullable(raw);
    const path = prefix ? `${prefix}.${key}` : key;
    const v = values[key];
    const kind = kindOf(s);
    if (kind === 'section') {
      // A section on by its default alone sends nothing (the server applies the default): nothing to check.
      if (required.has(key) || isObject(v))
        Object.assign(errors, validateAgainst(s, isObject(v) ? v : {}, storedSecrets, path));
      continue;
    }
    if (kind === 'list') {
      const list = Array.isArray(v) ? v : [];
      const items = unwrapNullable(s.items as JsonSchema);
      list.forEach((item, i) =>
        Object.assign(
          errors,
          validateAgainst(items, isObject(item) ? item : {}, storedSecrets, `${path}.${i}`),
        ),
      );
      if (s.minItems !== undefined && list.length < s.minItems)
        errors[path] = s.minItems === 1 ? 'needs at least one entry' : `needs at least ${s.minItems} entries`;
      continue;
    }
    if (isEmpty(v)) {
      if (required.has(key) && kind !== 'boolean' && !(kind === 'secret' && storedSecrets[path]?.set))
        errors[path] = 'is required';
      continue;
    }
    if (kind === 'number' && typeof v === 'number') {
      const t = typeOf(s);
      if (Number.isNaN(v)) errors[path] = 'must be a number';
      else if (t === 'integer' && !Number.isInteger(v)) errors[path] = 'must be a whole number';
      else if (s.minimum !== undefined && v < s.minimum) errors[path] = `must be at least ${s.minimum}`;
      else if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum)
        errors[path] = `must be more than ${s.exclusiveMinimum}`;
      else if (s.maximum !== undefined && v > s.maximum) errors[path] = `must be at most ${s.maximum}`;
    }
    if (kind === 'lines' && Array.isArray(v) && s.minItems !== undefined && v.length < s.minItems)
      errors[path] = `needs at least ${s.minItems}`;
    if ((kind === 'text' || kind === 'secret') && typeof v === 'string') {
      if (s.minLength !== undefined && v.length < s.minLength)
        errors[path] = `must be at least ${s.minLength} characters`;
      else if (s.format === 'uri' || s.format === 'url') {
        try {
          new URL(v);
        } catch {
          errors[path] = 'must be a full URL, e.g. https://example.com';
        }
      }
    }
  }
  return errors;
}

/**
 * The config to send: blank secrets left out (so the stored ones are kept), blank optional strings and
 * numbers left out, optional sections that are off left out (or null), empty map entries dropped.
 */
export function cleanValues(schema: JsonSchema, values: FormValues): FormValues {
  const out: FormValues = {};
  const required = new Set(schema.required ?? []);
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const s = unwrapNullable(raw);
    const v = values[key];
    const kind = kindOf(s);
    if (kind === 'section') {
      if (required.has(key) || isObject(v)) out[key] = cleanValues(s, isObject(v) ? v : {});
      else if (v === null && s.nullable) out[key] = null;
      continue;
    }
    if (kind === 'list') {
      if (!Array.isArray(v)) continue;
      const items = unwrapNullable(s.items as JsonSchema);
      out[key] = v.map((item) => cleanValues(items, isObject(item) ? item : {}));
      continue;
    }
    if (kind === 'map') {
      if (!isObject(v)) continue;
      out[key] = Object.fromEntries(
        Object.entries(v).filter(([, x]) => typeof x === 'string' && x.trim() !== ''),
      );
      continue;
    }
    if (v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) continue;
    out[key] = v;
  }
  return out;
}

/**
 * Server field paths ("body.config.clientId", "config.domains.0.hosts.1") → form paths ("clientId",
 * "domains.0.hosts.1"); the form shows an error of a list's line on the list's box (errorAt).
 */
export function configErrors(fields: readonly { field: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const p = f.field.replace(/^body\./, '');
    if (p.startsWith('config.')) out[p.slice('config.'.length)] ??= f.message;
  }
  return out;
}

/** The error for a control: its own, or (for a one-per-line list) the first of its lines'. */
export function errorAt(errors: Record<string, string>, dotted: string, lines = false): string | undefined {
  const own = errors[dotted];
  if (own || !lines) return own;
  const line = Object.keys(errors).find(
    (k) => k.startsWith(`${dotted}.`) && /^\d+$/.test(k.slice(dotted.length + 1)),
  );
  return line === undefined
    ? undefined
    : `line ${Number(line.slice(dotted.length + 1)) + 1}: ${errors[line]}`;
}
