// Builds a deterministic Sophos estate: one partner, one organization, N tenants with M licences each,
// a few firewalls, and the three kinds of credential. Same options → byte-identical state.

import { companyNames } from './names.js';
import { createPrng, type Prng } from './prng.js';
import { SophosState } from './state.js';
import {
  SOPHOS_DATA_REGIONS,
  type SophosBillingType,
  type SophosCredential,
  type SophosDataRegion,
  type SophosFirewall,
  type SophosLicence,
  type SophosLicenceProduct,
  type SophosTenant,
} from './types.js';

/** Illustrative catalogue (inferred): the reference documents the field names, not the full product list. */
export const SOPHOS_PRODUCTS: readonly SophosLicenceProduct[] = [
  { code: 'CIXA', name: 'Central Intercept X Advanced', genericCode: 'INTERCEPT_X_ADVANCED' },
  { code: 'CIXE', name: 'Central Intercept X Essentials', genericCode: 'INTERCEPT_X_ESSENTIALS' },
  { code: 'CIXAXDR', name: 'Central Intercept X Advanced with XDR', genericCode: 'INTERCEPT_X_ADVANCED_XDR' },
  {
    code: 'CIXAS',
    name: 'Central Intercept X Advanced for Server',
    genericCode: 'INTERCEPT_X_ADVANCED_SERVER',
  },
  { code: 'MDRC', name: 'Managed Detection and Response Complete', genericCode: 'MDR_COMPLETE' },
  { code: 'CEMA', name: 'Central Email Advanced', genericCode: 'EMAIL_ADVANCED' },
  { code: 'CMDM', name: 'Central Mobile Advanced', genericCode: 'MOBILE_ADVANCED' },
  { code: 'CDEN', name: 'Central Device Encryption', genericCode: 'DEVICE_ENCRYPTION' },
  { code: 'ZTNA', name: 'Sophos ZTNA', genericCode: 'ZTNA' },
  { code: 'CWPP', name: 'Central Cloud Workload Protection', genericCode: 'CLOUD_WORKLOAD_PROTECTION' },
];

// prettier-ignore
const GEOGRAPHY: Record<SophosDataRegion, string> = {
  eu01: 'DE', eu02: 'IE', us01: 'US', us03: 'US', ca01: 'CA', au01: 'AU', jp01: 'JP', in01: 'IN', br01: 'BR',
};

const FIREWALL_MODELS = ['XGS 87', 'XGS 116', 'XGS 2100', 'XGS 3300', 'SFVUNL'] as const;

export interface GenerateOptions {
  /** PRNG seed; default 1. */
  seed?: number;
  /** Number of tenants; default 20. */
  tenants?: number;
  /** Licences per tenant; default 3. */
  licencesPerTenant?: number;
  /** Total firewalls spread over the tenants; default one per five tenants. */
  firewalls?: number;
  /** Every n-th tenant (0, n, 2n…) also belongs to the organization; default 3. 0 = none. */
  organizationEvery?: number;
  /** The last n tenants get no apiHost (not provisioned; a connector must skip them, §1.3 (inferred)). Default 0. */
  tenantsWithoutApiHost?: number;
  /** Reference "today" for licence dates and usage, yyyy-MM-dd; default 2026-01-15 (fixed, so output is stable). */
  today?: string;
}

const addDays = (isoDate: string, days: number): string => {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

const LICENCE_ID_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** One licence in the §1.4 shape; perpetual/unlimited ones omit the fields the reference marks optional. */
export function generateLicence(rng: Prng, today: string): SophosLicence {
  const product = rng.pick(SOPHOS_PRODUCTS);
  const roll = rng.next();
  const kind =
    roll < 0.6
      ? 'term'
      : roll < 0.75
        ? 'usage'
        : roll < 0.85
          ? 'trial'
          : roll < 0.93
            ? 'perpetual'
            : 'enterprise';
  const startDate = addDays(today, -rng.int(10, 700));
  const licence: SophosLicence = {
    id: rng.uuid(),
    licenseIdentifier: `C${rng.chars(LICENCE_ID_ALPHABET, 14)}`,
    product: { ...product },
    startDate,
    perpetual: kind === 'perpetual',
    type: kind,
    unlimited: kind === 'enterprise',
  };
  if (kind === 'term' || kind === 'usage')
    licence.endDate = addDays(startDate, rng.pick([365, 730, 1095]) - 1);
  if (kind === 'trial') licence.endDate = addDays(startDate, 29);
  if (!licence.unlimited) licence.quantity = rng.pick([5, 10, 25, 50, 100, 250, 500]);
  if (kind !== 'perpetual') {
    const cap = licence.quantity ?? 1000;
    licence.usage = {
      current: {
        count: rng.int(0, cap + Math.ceil(cap * 0.1)),
        date: today,
        collectedAt: `${today}T0${rng.int(0, 5)}:${String(rng.int(0, 59)).padStart(2, '0')}:00Z`,
      },
    };
  }
  return licence;
}

/** Builds the whole estate. Exported names: `state.tenants.map(t => t.name)` or `companyNames(n, seed)`. */
export function generateSophosState(options: GenerateOptions = {}): SophosState {
  const seed = options.seed ?? 1;
  const tenantCount = options.tenants ?? 20;
  const licencesPerTenant = options.licencesPerTenant ?? 3;
  const organizationEvery = options.organizationEvery ?? 3;
  const today = options.today ?? '2026-01-15';
  const rng = createPrng(seed);
  const partnerId = rng.uuid();
  const organizationId = rng.uuid();
  const names = companyNames(tenantCount, seed);
  const billing: SophosBillingType[] = ['term', 'term', 'term', 'usage', 'usage', 'trial'];

  const tenants: SophosTenant[] = [];
  const licences = new Map<string, SophosLicence[]>();
  names.forEach((name, index) => {
    const dataRegion = rng.pick(SOPHOS_DATA_REGIONS);
    const tenant: SophosTenant = {
      id: rng.uuid(),
      name,
      showAs: name,
      dataGeography: GEOGRAPHY[dataRegion],
      dataRegion,
      billingType: rng.pick(billing),
      partnerId,
      apiHostMode: 'region',
    };
    if (organizationEvery > 0 && index % organizationEvery === 0) tenant.organizationId = organizationId;
    tenants.push(tenant);
    licences.set(
      tenant.id,
      Array.from({ length: licencesPerTenant }, () => generateLicence(rng, today)),
    );
  });

  const withoutApiHost = Math.min(options.tenantsWithoutApiHost ?? 0, tenants.length);
  for (const tenant of tenants.slice(tenants.length - withoutApiHost)) tenant.apiHostMode = 'none';

  const firewallCount = options.firewalls ?? Math.floor(tenantCount / 5);
  const firewalls: SophosFirewall[] = [];
  for (let i = 0; i < firewallCount && tenants.length > 0; i++) {
    const tenant = tenants[(i * 5) % tenants.length]!;
    const model = rng.pick(FIREWALL_MODELS);
    firewalls.push({
      serialNumber:
        model === 'SFVUNL'
          ? `C010${rng.chars('0123456789ABCDEF', 10)}`
          : `X${rng.chars('0123456789ABCDEF', 13)}`,
      tenantId: tenant.id,
      model,
      modelType: model === 'SFVUNL' ? 'virtual' : 'hardware',
      lastSeenAt: `${today}T0${rng.int(0, 9)}:${String(rng.int(10, 59))}:00.000Z`,
      licenses: [generateLicence(rng, today)],
    });
  }

  const secret = (): string => rng.chars('0123456789abcdef', 40);
  const credentials: SophosCredential[] = [
    { clientId: rng.uuid(), clientSecret: secret(), idType: 'partner', id: partnerId },
    { clientId: rng.uuid(), clientSecret: secret(), idType: 'organization', id: organizationId },
  ];
  if (tenants[0])
    credentials.push({ clientId: rng.uuid(), clientSecret: secret(), idType: 'tenant', id: tenants[0].id });

  return new SophosState({ partnerId, organizationId, credentials, tenants, licences, firewalls });
}
