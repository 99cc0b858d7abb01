// The HaloPSA-compatible resource server under /api: one file per entity family, registered here.
import type { FastifyInstance } from 'fastify';
import { clientRoutes } from './clients.js';

export async function haloRoutes(app: FastifyInstance): Promise<void> {
  await app.register(clientRoutes);
}
