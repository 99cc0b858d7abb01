// Test support for the Halo API: the real app over a test database, with the caller's permissions taken from
// an `x-test-permissions` header (comma-separated, "none" for no permissions; absent = admin). Only tests
// build the app this way; production requests get their actor from the authenticate plugin.
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../config/env.js';
import { PermissionSet, isPermission } from '../../core/permissions.js';
import type { TestDatabase } from '../../db/testing.js';
import { createLogger } from '../../log.js';
import type { Services } from '../../services.js';
import { buildApp } from '../app.js';

export const TEST_PERMISSIONS_HEADER = 'x-test-permissions';

export async function buildHaloTestApp(handle: TestDatabase, options: { bodyLimitBytes?: number } = {}): Promise<FastifyInstance> {
  // The Halo routes use only these services; others (cipher, queues…) stay absent in this test app.
  const services = { db: handle.db, dialect: handle.dialect, config: loadConfig({}), log: createLogger('silent') } as Partial<Services> as Services;
  const app = await buildApp(services, options);
  // onRequest, not preHandler: /api's requireAuthenticated preHandler must already see the actor.
  app.addHook('onRequest', async (request) => {
    const header = request.headers[TEST_PERMISSIONS_HEADER];
    const text = Array.isArray(header) ? header.join(',') : header;
    const perms = text === undefined ? PermissionSet.all() : new PermissionSet(text.split(',').map((s) => s.trim()).filter(isPermission));
    request.actor = { agentId: null, kind: 'application', permissions: perms };
  });
  await app.ready();
  return app;
}
