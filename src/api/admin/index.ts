// The console's API under /admin/api: one file per area, registered here.
import type { FastifyInstance } from 'fastify';

export async function adminRoutes(_app: FastifyInstance): Promise<void> {}
