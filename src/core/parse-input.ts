// zod parsing for use cases: a value that does not fit its schema is one 400 naming every bad field.
import type { z } from 'zod';
import { invalidInput } from './errors.js';

/** Parses `value` or throws INVALID_INPUT with one detail per issue, fields prefixed by `prefix`. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, prefix = ''): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: i.message,
  }));
  throw invalidInput(`Invalid input: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
}
