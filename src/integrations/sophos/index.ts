// The Sophos Central connector: tenants → customers, licences → licences (see manifest.ts for the config).
import { defineConnector, type EntitySync } from '../framework/contract.js';
import { checkSophos } from './check.js';
import { sophosClient } from './client.js';
import { sophosManifest, type SophosConfig } from './manifest.js';
import { tenantToContainer } from './mappers.js';
import { customersSync } from './sync/customers.js';
import { licencesSync } from './sync/licences.js';

export const sophosConnector = defineConnector<SophosConfig>({
  manifest: sophosManifest,
  check: checkSophos,
  async discover(ctx) {
    const client = sophosClient(ctx);
    const containers = [];
    for await (const page of client.tenantPages()) containers.push(...page.tenants.map(tenantToContainer));
    return { containers };
  },
  syncs: {
    customers: customersSync as EntitySync<SophosConfig, 'customers', unknown>,
    licences: licencesSync as EntitySync<SophosConfig, 'licences', unknown>,
  },
});
