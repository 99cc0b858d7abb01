// The ordered list of migrations. Names start with a UTC timestamp; a migration, once landed, never changes.
import type { Migration } from 'kysely';
import * as coreDomain from './20261121000100_core_domain.js';
import * as auth from './20261121000200_auth.js';
import * as referenceData from './20261121000300_reference_data.js';
import * as integrations from './20261121000400_integrations.js';
import * as integrator from './20261121000500_integrator.js';
import * as integratorSettings from './20261121000510_integrator_settings.js';
import * as customerSearch from './20261121000610_customer_search.js';
import * as customerSearchPg from './20261121000620_customer_search_pg.js';
import * as endUserMatch from './20261121000700_end_user_match.js';
import * as ticketAssets from './20261121000800_ticket_assets.js';
import * as loggedOutcome from './20261121000900_logged_outcome.js';
import * as endUserLookupIndexes from './20261121001000_end_user_lookup_indexes.js';
import * as userRoles from './20261122000100_user_roles.js';
import * as linkIdentityIndex from './20261122000200_link_identity_index.js';

export const migrations: Record<string, Migration> = {
  '20261121000100_core_domain': coreDomain,
  '20261121000200_auth': auth,
  '20261121000300_reference_data': referenceData,
  '20261121000400_integrations': integrations,
  '20261121000500_integrator': integrator,
  '20261121000510_integrator_settings': integratorSettings,
  '20261121000610_customer_search': customerSearch,
  '20261121000620_customer_search_pg': customerSearchPg,
  '20261121000700_end_user_match': endUserMatch,
  '20261121000800_ticket_assets': ticketAssets,
  '20261121000900_logged_outcome': loggedOutcome,
  '20261121001000_end_user_lookup_indexes': endUserLookupIndexes,
  '20261122000100_user_roles': userRoles,
  '20261122000200_link_identity_index': linkIdentityIndex,
};
