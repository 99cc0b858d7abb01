// The use-case context of the integration framework: the core Ctx plus the secret cipher (and core's zod
// parsing, re-exported for the framework's use cases).
import { systemActor, type Actor, type Ctx } from '../../core/context.js';
import type { Cipher } from '../../crypto/cipher.js';
import type { Services } from '../../services.js';

export interface IntegrationCtx extends Ctx {
  cipher: Cipher;
}

export function integrationCtx(services: Services, actor: Actor = systemActor()): IntegrationCtx {
  return { db: services.db, actor, log: services.log, now: () => new Date(), cipher: services.cipher };
}

export { parseInput } from '../../core/parse-input.js';
