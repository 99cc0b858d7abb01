// Shared by the integrations routes: the use-case context with the cipher, and common params.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ctxFrom } from '../context.js';
import type { IntegrationCtx } from '../../integrations/framework/context.js';

export const ictx = (request: FastifyRequest): IntegrationCtx => ({
  ...ctxFrom(request),
  cipher: request.server.services.cipher,
});

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const RunParams = z.object({ runId: z.coerce.number().int().positive() });
export const MappingParams = z.object({
  id: z.coerce.number().int().positive(),
  mappingId: z.coerce.number().int().positive(),
});
export const tags = ['integrations'];

/** Drops keys whose value is undefined (exactOptionalPropertyTypes: absent and undefined differ). */
export function defined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
