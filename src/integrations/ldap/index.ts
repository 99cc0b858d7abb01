// The Active Directory / LDAP connector: OUs and groups → customer sites or agents; people → end users and
// agents; AD or OpenLDAP, several domains per instance (see manifest.ts for the config).
import { defineConnector } from '../framework/contract.js';
import { checkLdap } from './check.js';
import { checkLdapMappingFilter, describeLdapContainerId } from './container-id.js';
import { discoverLdap } from './discover.js';
import { ldapManifest, type LdapConfig } from './manifest.js';
import { agentsSync } from './sync/agents.js';
import { usersSync } from './sync/users.js';

export const ldapConnector = defineConnector<LdapConfig>({
  manifest: ldapManifest,
  check: checkLdap,
  discover: discoverLdap,
  describeContainerId: describeLdapContainerId,
  checkMappingFilter: checkLdapMappingFilter,
  // A person's external id is `<domain key>:<anchor>` (mappers.ts externalIdOf).
  identityKeys: (config) => config.domains.map((d, i) => ({ key: d.id, path: `domains.${i}.id` })),
  syncs: { users: usersSync, agents: agentsSync },
});
