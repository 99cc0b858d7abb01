// Test support for the Halo API: the real app over a test database, with the caller's permissions taken from
// an `x-test-permissions` header (comma-separated, "none" for no permissions; absent = admin). Only tests
// build the app this way; production requests get their actor from the authenticate plugin.
import type { FastifyInstance } from 'fastify';
import { PermissionSet, isPermission } from '../../core/permissions.js';
import type { TestDatabase } from '../../db/testing.js';
import { testServices } from '../../auth/testing.js';
import { buildApp } from '../app.js';

export const TEST_PERMISSIONS_HEADER = 'x-test-permissions';
/** The agent id the test caller acts as (for /Agent/me); absent = none. */
export const TEST_AGENT_HEADER = 'x-test-agent-id';

export async function buildHaloTestApp(
  handle: TestDatabase,
  options: { bodyLimitBytes?: number } = {},
): Promise<FastifyInstance> {
  const app = await buildApp(testServices(handle), options);
  // onRequest, not preHandler: /api's requireAuthenticated preHandler must already see the actor.
  app.addHook('onRequest', async (request) => {
    const header = request.headers[TEST_PERMISSIONS_HEADER];
    const text = Array.isArray(header) ? header.join(',') : header;
    const perms =
      text === undefined
        ? PermissionSet.all()
        : new PermissionSet(
            text
              .split(',')
              .map((s) => s.trim())
              .filter(isPermission),
          );
    const agent = request.headers[TEST_AGENT_HEADER];
    const agentId = typeof agent === 'string' && /^\d+$/.test(agent) ? Number(agent) : null;
    request.actor = { agentId, kind: 'application', permissions: perms };
  });
  await app.ready();
  return app;
}
