// POST /auth/token and GET /api/authinfo (owned by the auth area).
import type { FastifyInstance } from 'fastify';

export async function oauthRoutes(_app: FastifyInstance): Promise<void> {}
