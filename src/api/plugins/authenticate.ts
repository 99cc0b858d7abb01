// Resolves the caller (bearer token, X-Halo-Api-Key, or console session cookie) into request.actor.
// Owned by the auth area; until then nothing authenticates and protected routes answer 401.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const authenticatePlugin = fp(async (_app: FastifyInstance) => {});
