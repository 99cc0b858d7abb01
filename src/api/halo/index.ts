// The HaloPSA-compatible resource server under /api: one file per entity family, registered here.
import type { FastifyInstance } from 'fastify';

export async function haloRoutes(_app: FastifyInstance): Promise<void> {}
