// The console's API under /admin/api: one file per area, registered here.
import type { FastifyInstance } from 'fastify';
import { requireAuthenticated } from '../plugins/authenticate.js';
import { sessionRoutes } from './session.js';
import { applicationRoutes } from './applications.js';
import { agentRoutes } from './agents.js';
import { recordRoutes } from './records.js';
import { integrationRoutes } from './integrations.js';
import { userRoleRoutes } from './user-roles.js';
import { choiceRoutes } from './choices.js';

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  // Everything here needs a signed-in agent or a token, except routes marked config.public (sign-in).
  app.addHook('preHandler', requireAuthenticated);
  await app.register(sessionRoutes);
  await app.register(applicationRoutes);
  await app.register(agentRoutes);
  await app.register(recordRoutes);
  await app.register(integrationRoutes);
  await app.register(userRoleRoutes);
  await app.register(choiceRoutes);
}
