// Method + path → route. The id host serves only the token route, as id.sophos.com does; the global and
// regional API hosts serve the API routes. (inferred) Regional hosts also answer partner/organization
// routes: which of them Sophos refuses there is not documented, so the fake does not invent a refusal.

import type { ApiCall } from './context.js';
import { handleFirewallLicences, handleLicences } from './routes/licences.js';
import {
  handleOrganizationTenants,
  handlePartnerTenant,
  handlePartnerTenants,
  handleWhoami,
} from './routes/tenants.js';
import type { SophosRouteName } from './types.js';

export type HostKind = 'id' | 'api';

export interface ResolvedRoute {
  name: SophosRouteName;
  method: 'GET' | 'POST';
  /** Undefined for the token route (handled before authentication) and for not-found. */
  handle?: (call: ApiCall) => void;
}

const NOT_FOUND: ResolvedRoute = { name: 'not-found', method: 'GET' };

export function resolveRoute(host: HostKind, pathname: string): ResolvedRoute {
  // Sophos's own Postman example calls /whoami/v1/ with a trailing slash; accept both forms everywhere.
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (host === 'id') return path === '/api/v2/oauth2/token' ? { name: 'token', method: 'POST' } : NOT_FOUND;
  switch (path) {
    case '/whoami/v1':
      return { name: 'whoami', method: 'GET', handle: handleWhoami };
    case '/partner/v1/tenants':
      return { name: 'partner.tenants', method: 'GET', handle: handlePartnerTenants };
    case '/organization/v1/tenants':
      return { name: 'organization.tenants', method: 'GET', handle: handleOrganizationTenants };
    case '/licenses/v1/licenses':
      return { name: 'licenses', method: 'GET', handle: handleLicences };
    case '/licenses/v1/licenses/firewalls':
      return { name: 'licenses.firewalls', method: 'GET', handle: handleFirewallLicences };
  }
  const single = /^\/partner\/v1\/tenants\/([^/]+)$/.exec(path);
  if (single) {
    const tenantId = safeDecode(single[1]!);
    return { name: 'partner.tenant', method: 'GET', handle: (call) => handlePartnerTenant(call, tenantId) };
  }
  return NOT_FOUND;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
