// Builds the use-case context for a request from the authenticated actor.
import type { FastifyRequest } from 'fastify';
import type { Actor, Ctx } from '../core/context.js';
import { unauthenticated } from '../core/errors.js';
import type { Services } from '../services.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authenticate plugin; null when the request carried no valid credentials. */
    actor: Actor | null;
  }
  interface FastifyInstance {
    services: Services;
  }
}

export function ctxFrom(request: FastifyRequest): Ctx {
  if (!request.actor) throw unauthenticated();
  return { db: request.server.services.db, actor: request.actor, log: request.log, now: () => new Date() };
}
