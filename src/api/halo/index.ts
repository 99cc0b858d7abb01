// The HaloPSA-compatible resource server under /api: one file per entity family, registered here.
import type { FastifyInstance } from 'fastify';
import { requireAuthenticated } from '../plugins/authenticate.js';
import { clientRoutes } from './clients.js';

export async function haloRoutes(app: FastifyInstance): Promise<void> {
  // Every /api route needs a bearer token, API key or session (GET /api/authinfo lives outside this group).
  app.addHook('preHandler', requireAuthenticated);
  await app.register(clientRoutes);
}
