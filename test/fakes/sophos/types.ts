// Wire shapes of Sophos Central as documented in shared/reference/vendor-apis.md §1, and the fake's own
// data model. Wire types are what the connector will parse; model types are what tests mutate.

/** Who a credential belongs to; decides whoami's idType and which routes it may call (§1.2). */
export type SophosIdType = 'partner' | 'organization' | 'tenant';

/** Data regions listed in the Postman collection (§1.2). */
export const SOPHOS_DATA_REGIONS = [
  'eu01',
  'eu02',
  'us01',
  'us03',
  'ca01',
  'au01',
  'jp01',
  'in01',
  'br01',
] as const;
export type SophosDataRegion = (typeof SOPHOS_DATA_REGIONS)[number];

/** `trial` and `term` are documented; `usage` (monthly MSP) is (inferred) per §1.3. */
export type SophosBillingType = 'trial' | 'term' | 'usage';

/** (inferred) from a third-party TypeScript type, §1.4. */
export type SophosLicenceType = 'trial' | 'term' | 'usage' | 'ordered' | 'enterprise' | 'perpetual';

export interface SophosCredential {
  clientId: string;
  clientSecret: string;
  idType: SophosIdType;
  /** The partner, organization or tenant id this credential acts as (whoami.id). */
  id: string;
}

/** A tenant as the fake stores it. `apiHost` is rendered from the fake's own regional listener. */
export interface SophosTenant {
  id: string;
  name: string;
  showAs: string;
  dataGeography: string;
  dataRegion: SophosDataRegion;
  billingType: SophosBillingType;
  partnerId?: string;
  organizationId?: string;
  /** 'region': apiHost points at the fake's loopback listener for dataRegion; 'none': the field is omitted. */
  apiHostMode: 'region' | 'none';
  /** (inferred) Some tenants carry a status; rendered only when set. */
  status?: string;
}

export interface SophosLicenceProduct {
  code: string;
  name: string;
  genericCode: string;
}

export interface SophosLicenceUsage {
  current: { count: number; date: string; collectedAt: string };
}

/** One licence exactly as §1.4; endDate, quantity and usage are optional (perpetual / unlimited licences). */
export interface SophosLicence {
  id: string;
  licenseIdentifier: string;
  product: SophosLicenceProduct;
  /** yyyy-MM-dd */
  startDate: string;
  /** yyyy-MM-dd */
  endDate?: string;
  perpetual: boolean;
  type: SophosLicenceType;
  quantity?: number;
  unlimited: boolean;
  usage?: SophosLicenceUsage;
}

/** A firewall as listed by GET /licenses/v1/licenses/firewalls (§1.4). */
export interface SophosFirewall {
  serialNumber: string;
  tenantId: string;
  model: string;
  modelType: string;
  /** ISO-8601 timestamp. */
  lastSeenAt: string;
  licenses: SophosLicence[];
}

// ---- wire responses ---------------------------------------------------------------------------------

export interface SophosTokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
  errorCode: 'success';
  message: 'OK';
  trackingId: string;
}

export interface SophosWhoami {
  id: string;
  idType: SophosIdType;
  apiHosts: { global: string; dataRegion?: string };
}

export interface SophosTenantWire {
  id: string;
  showAs: string;
  name: string;
  dataGeography: string;
  dataRegion: string;
  billingType: string;
  partner?: { id: string };
  organization?: { id: string };
  apiHost?: string;
  status?: string;
}

/** §1.3: total and items only when pageTotal=true. */
export interface SophosPages {
  current: number;
  size: number;
  total?: number;
  items?: number;
  maxSize: number;
}

export interface SophosPage<T> {
  items: T[];
  pages: SophosPages;
}

export interface SophosLicencesResponse {
  organization?: { id: string };
  tenant: { id: string };
  licenses: SophosLicence[];
}

export interface SophosFirewallWire {
  serialNumber: string;
  owner: { id: string; type: 'partner' | 'tenant' };
  model: string;
  modelType: string;
  partner?: { id: string };
  organization?: { id: string };
  tenant: { id: string };
  billingTenant: { id: string };
  lastSeenAt: string;
  licenses: SophosLicence[];
}

/** §1.5 error body. */
export interface SophosErrorBody {
  error: string;
  message: string;
  correlationId: string;
  code: string;
  createdAt: string;
  requestId: string;
  docUrl: string;
}

/** §1.1: the body of a 401 for an expired (or unknown) bearer token. */
export interface SophosUnauthorizedBody {
  error: 'Unauthorized';
  correlationId: string;
  requestId: string;
}

/** §1.1: the body of a 401 from the token endpoint. */
export interface SophosOAuthErrorBody {
  errorCode: string;
  message: string;
  trackingId: string;
}

/** Route names used by stats, the request log and fault matching. */
export type SophosRouteName =
  | 'token'
  | 'whoami'
  | 'partner.tenants'
  | 'partner.tenant'
  | 'organization.tenants'
  | 'licenses'
  | 'licenses.firewalls'
  | 'not-found';

export const SOPHOS_ROUTE_NAMES: readonly SophosRouteName[] = [
  'token',
  'whoami',
  'partner.tenants',
  'partner.tenant',
  'organization.tenants',
  'licenses',
  'licenses.firewalls',
  'not-found',
];
