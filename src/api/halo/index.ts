// The HaloPSA-compatible resource server under /api: one file per entity family, registered here.
import type { FastifyInstance } from 'fastify';
import { requireAuthenticated } from '../plugins/authenticate.js';
import { clientRoutes } from './clients.js';
import { siteRoutes } from './sites.js';
import { userRoutes } from './users.js';
import { topLevelRoutes } from './top-levels.js';
import { agentRoutes } from './agents.js';
import { teamRoutes } from './teams.js';
import { ticketRoutes } from './tickets.js';
import { actionRoutes } from './actions.js';
import { lookupRoutes } from './lookups.js';
import { assetRoutes } from './assets.js';
import { assetTypeRoutes } from './asset-types.js';
import { licenceRoutes } from './licences.js';
import { tolerateEmptyJsonBodies } from './empty-json-body.js';
import { workflowRoutes } from './workflows.js';

export async function haloRoutes(app: FastifyInstance): Promise<void> {
  // Every /api route needs a bearer token, API key or session (GET /api/authinfo lives outside this group).
  app.addHook('preHandler', requireAuthenticated);
  tolerateEmptyJsonBodies(app);
  await app.register(clientRoutes);
  await app.register(siteRoutes);
  await app.register(userRoutes);
  await app.register(topLevelRoutes);
  await app.register(agentRoutes);
  await app.register(teamRoutes);
  await app.register(ticketRoutes);
  await app.register(actionRoutes);
  await app.register(lookupRoutes);
  await app.register(assetRoutes);
  await app.register(assetTypeRoutes);
  await app.register(licenceRoutes);
  await app.register(workflowRoutes);
}
