// The one mark for secret configuration fields. `secret(z.string())` registers the field as secret; that mark
// drives encryption at rest, write-only API fields, log masking and the console's password inputs.
import { z } from 'zod';

/** Marker metadata: `secret: true` plus JSON Schema's `writeOnly`, so the console form renders a password input. */
const SECRET_META = { secret: true, writeOnly: true } as const;

/** The value every API response shows in place of a stored secret. */
export const SECRET_MASK = '********';

const secretSchemas = new WeakSet<z.ZodType>();

/** Marks a config field as secret. Use it once, in the connector's config schema. */
export function secret<T extends z.ZodType>(schema: T): T {
  const marked = schema.meta(SECRET_META) as T;
  secretSchemas.add(marked);
  return marked;
}

/** Unwraps optional/nullable/default wrappers to find the mark. */
function isSecretSchema(schema: z.ZodType): boolean {
  let s: z.ZodType = schema;
  for (let i = 0; i < 8; i++) {
    if (secretSchemas.has(s)) return true;
    if (
      s instanceof z.ZodOptional ||
      s instanceof z.ZodNullable ||
      s instanceof z.ZodDefault ||
      s instanceof z.ZodPrefault
    ) {
      s = s.unwrap() as z.ZodType;
      continue;
    }
    return false;
  }
  return false;
}

function unwrapped(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  while (
    s instanceof z.ZodOptional ||
    s instanceof z.ZodNullable ||
    s instanceof z.ZodDefault ||
    s instanceof z.ZodPrefault
  )
    s = s.unwrap() as z.ZodType;
  return s;
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const s = unwrapped(schema);
  return s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>) : undefined;
}

/**
 * Dotted paths of every secret field of a config schema (nested objects included). Secrets inside arrays of
 * objects appear with `*` for the index (`domains.*.bindPassword`); `secretPathsIn` expands them for a value.
 */
export function secretPaths(schema: z.ZodType, prefix = ''): string[] {
  const s = unwrapped(schema);
  if (s instanceof z.ZodArray) return secretPaths(s.element as z.ZodType, prefix ? `${prefix}.*` : '*');
  const shape = objectShape(s);
  if (!shape) return [];
  const out: string[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const p = prefix ? `${prefix}.${key}` : key;
    if (isSecretSchema(field)) out.push(p);
    else out.push(...secretPaths(field, p));
  }
  return out;
}

/** The concrete secret paths of one config value: each `*` expanded over the array present at that point. */
export function secretPathsIn(schema: z.ZodType, value: JsonObject): string[] {
  const out: string[] = [];
  const expand = (pattern: string[], at: unknown, done: string[]) => {
    if (pattern.length === 0) return void out.push(done.join('.'));
    const [head, ...rest] = pattern as [string, ...string[]];
    if (head !== '*')
      return expand(rest, at !== null && typeof at === 'object' ? (at as JsonObject)[head] : undefined, [
        ...done,
        head,
      ]);
    if (Array.isArray(at)) at.forEach((item, i) => expand(rest, item, [...done, String(i)]));
  };
  for (const p of secretPaths(schema)) expand(p.split('.'), value, []);
  return out;
}

/** True when a concrete path (`domains.0.bindPassword`) is one of the schema's secret paths. */
function isSecretPath(schema: z.ZodType, concrete: string): boolean {
  const parts = concrete.split('.');
  return secretPaths(schema).some((p) => {
    const q = p.split('.');
    return (
      q.length === parts.length &&
      q.every((k, i) => k === parts[i] || (k === '*' && /^\d+$/.test(parts[i] ?? '')))
    );
  });
}

export type JsonObject = Record<string, unknown>;

export function getPath(obj: JsonObject, p: string): unknown {
  let cur: unknown = obj;
  for (const k of p.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as JsonObject)[k];
  }
  return cur;
}

/** True when every parent of `p` exists (a secret inside an array element that is gone is not re-created). */
function pathExists(obj: JsonObject, p: string): boolean {
  const parent = p.split('.').slice(0, -1).join('.');
  const at = parent ? getPath(obj, parent) : obj;
  return at !== null && typeof at === 'object';
}

export function setPath(obj: JsonObject, p: string, value: unknown): void {
  const keys = p.split('.');
  let cur: JsonObject = obj;
  for (const k of keys.slice(0, -1)) {
    const next = cur[k];
    if (next === null || typeof next !== 'object') cur[k] = {};
    cur = cur[k] as JsonObject;
  }
  const last = keys[keys.length - 1] as string;
  if (value === undefined) Reflect.deleteProperty(cur, last);
  else cur[last] = value;
}

/** Splits a config into its non-secret part and its secret values (as strings), by the schema's marks. */
export function splitSecrets(
  schema: z.ZodType,
  config: JsonObject,
): { plain: JsonObject; secrets: Record<string, string> } {
  const plain = structuredClone(config);
  const secrets: Record<string, string> = {};
  for (const p of secretPathsIn(schema, config)) {
    const v = getPath(plain, p);
    if (v !== undefined && v !== null) secrets[p] = String(v);
    setPath(plain, p, undefined);
  }
  return { plain, secrets };
}

/** The config as an API may show it: every set secret replaced by the mask. */
export function maskConfig(schema: z.ZodType, plain: JsonObject, setSecrets: Iterable<string>): JsonObject {
  const out = structuredClone(plain);
  for (const p of setSecrets) if (isSecretPath(schema, p) && pathExists(out, p)) setPath(out, p, SECRET_MASK);
  return out;
}

/**
 * Applies an update: a secret that is omitted (or sent back as the mask) keeps its stored value; null clears
 * an optional secret. Returns the full config to validate.
 */
export function mergeConfigUpdate(schema: z.ZodType, current: JsonObject, patch: JsonObject): JsonObject {
  const next = { ...structuredClone(current), ...structuredClone(patch) };
  for (const p of secretPathsIn(schema, next)) {
    const sent = getPath(patch, p);
    if (sent === undefined || sent === SECRET_MASK) setPath(next, p, storedCounterpart(current, next, p));
    else if (sent === null) setPath(next, p, undefined);
  }
  return next;
}

/**
 * The stored value a kept secret comes from. Outside arrays: the same path. Inside an array of objects with
 * string `id`s (LDAP's domains): the stored element with the same id, wherever it now sits, and nothing when
 * the id is new. By index alone, removing the first of two domains would have handed the second one the first
 * one's password, to be sent to the second one's servers. Elements without ids keep matching by index.
 */
function storedCounterpart(current: JsonObject, next: JsonObject, concrete: string): unknown {
  const parts = concrete.split('.');
  let from: unknown = current;
  let at: unknown = next;
  for (const key of parts) {
    if (from === null || typeof from !== 'object' || at === null || typeof at !== 'object') return undefined;
    if (Array.isArray(at) && Array.isArray(from) && /^\d+$/.test(key)) {
      const element: unknown = at[Number(key)];
      const id = idOf(element);
      from = id === undefined ? from[Number(key)] : from.find((e) => idOf(e) === id);
      at = element;
      continue;
    }
    from = (from as JsonObject)[key];
    at = (at as JsonObject)[key];
  }
  return from;
}

const idOf = (element: unknown): string | undefined => {
  const id = element !== null && typeof element === 'object' ? (element as JsonObject).id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
};

/**
 * A default zod drops from input JSON Schema: zod leaves `default` out of a field whose schema transforms
 * (e.g. a URL trimmed of its trailing slash), since a default is an output value. When that value is also a
 * valid input that parses to itself, it is the input default too, and the console must pre-fill it.
 */
function inputDefault(schema: unknown): { value: unknown } | undefined {
  if (!(schema instanceof z.ZodDefault)) return undefined;
  const value: unknown = schema.def.defaultValue;
  if (value === undefined || typeof value === 'function') return undefined;
  const json: unknown = JSON.parse(JSON.stringify(value) ?? 'null');
  const parsed = (schema.unwrap() as z.ZodType).safeParse(json);
  return parsed.success && JSON.stringify(parsed.data) === JSON.stringify(json) ? { value: json } : undefined;
}

/**
 * The config schema as JSON Schema for the console (input side: what an admin types), with titles and
 * descriptions from `.meta()`, every representable default, and secret fields flagged `secret, writeOnly`.
 */
export function configJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      if (ctx.jsonSchema.default !== undefined) return;
      const d = inputDefault(ctx.zodSchema);
      if (d) ctx.jsonSchema.default = d.value;
    },
  }) as Record<string, unknown>;
}
