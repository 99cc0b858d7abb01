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
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault || s instanceof z.ZodPrefault) {
      s = s.unwrap() as z.ZodType;
      continue;
    }
    return false;
  }
  return false;
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>) : undefined;
}

/** Dotted paths of every secret field of a config schema (nested objects included). */
export function secretPaths(schema: z.ZodType, prefix = ''): string[] {
  const shape = objectShape(schema);
  if (!shape) return [];
  const out: string[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const p = prefix ? `${prefix}.${key}` : key;
    if (isSecretSchema(field)) out.push(p);
    else out.push(...secretPaths(field, p));
  }
  return out;
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

export function setPath(obj: JsonObject, p: string, value: unknown): void {
  const keys = p.split('.');
  let cur: JsonObject = obj;
  for (const k of keys.slice(0, -1)) {
    const next = cur[k];
    if (next === null || typeof next !== 'object') cur[k] = {};
    cur = cur[k] as JsonObject;
  }
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

/** Splits a config into its non-secret part and its secret values (as strings), by the schema's marks. */
export function splitSecrets(schema: z.ZodType, config: JsonObject): { plain: JsonObject; secrets: Record<string, string> } {
  const plain = structuredClone(config);
  const secrets: Record<string, string> = {};
  for (const p of secretPaths(schema)) {
    const v = getPath(plain, p);
    if (v !== undefined && v !== null) secrets[p] = String(v);
    setPath(plain, p, undefined);
  }
  return { plain, secrets };
}

/** The config as an API may show it: every set secret replaced by the mask. */
export function maskConfig(schema: z.ZodType, plain: JsonObject, setSecrets: Iterable<string>): JsonObject {
  const out = structuredClone(plain);
  for (const p of setSecrets) if (secretPaths(schema).includes(p)) setPath(out, p, SECRET_MASK);
  return out;
}

/**
 * Applies an update: a secret that is omitted (or sent back as the mask) keeps its stored value; null clears
 * an optional secret. Returns the full config to validate.
 */
export function mergeConfigUpdate(schema: z.ZodType, current: JsonObject, patch: JsonObject): JsonObject {
  const next = { ...structuredClone(current), ...structuredClone(patch) };
  for (const p of secretPaths(schema)) {
    const sent = getPath(patch, p);
    if (sent === undefined || sent === SECRET_MASK) setPath(next, p, getPath(current, p));
    else if (sent === null) setPath(next, p, undefined);
  }
  return next;
}

/** The config schema as JSON Schema for the console, secret fields flagged `secret: true, writeOnly: true`. */
export function configJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
