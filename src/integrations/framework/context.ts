// The use-case context of the integration framework: the core Ctx plus the secret cipher, and zod parsing
// that turns issues into one 400 naming every bad field.
import type { z } from 'zod';
import { systemActor, type Actor, type Ctx } from '../../core/context.js';
import { invalidInput } from '../../core/errors.js';
import type { Cipher } from '../../crypto/cipher.js';
import type { Services } from '../../services.js';

export interface IntegrationCtx extends Ctx {
  cipher: Cipher;
}

export function integrationCtx(services: Services, actor: Actor = systemActor()): IntegrationCtx {
  return { db: services.db, actor, log: services.log, now: () => new Date(), cipher: services.cipher };
}

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
