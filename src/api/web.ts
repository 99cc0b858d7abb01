// Serves the built console (dist/web) at / (owned by the console area).
import type { FastifyInstance } from 'fastify';

export async function webConsole(_app: FastifyInstance): Promise<void> {}
