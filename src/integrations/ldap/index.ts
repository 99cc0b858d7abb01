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
  // A person's external id is `<domain key>:<anchor>` (mappers.ts externalIdOf). Read off the config as sent.
  identityKeys: (config) =>
    (Array.isArray(config.domains) ? (config.domains as unknown[]) : []).flatMap((d, i) => {
      const key = d !== null && typeof d === 'object' ? (d as { id?: unknown }).id : undefined;
      return typeof key === 'string' && key !== '' ? [{ key, path: `domains.${i}.id` }] : [];
    }),
  syncs: { users: usersSync, agents: agentsSync },
});
