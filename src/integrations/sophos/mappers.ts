// Pure mapping from Sophos payloads to the framework's shapes. Identity is always the Sophos id (tenant id,
// licence id); names are attributes that may change.
import type { ExternalContainer, ExternalCustomer, ExternalLicence } from '../framework/contract.js';
import type { SophosLicence, SophosTenant } from './types.js';

export const SOPHOS_VENDOR = 'Sophos';

/** The name an admin sees in Sophos Central: `showAs` when set, else the legal `name`. */
export function tenantDisplayName(t: Pick<SophosTenant, 'name' | 'showAs'>): string {
  const shown = t.showAs?.trim();
  return shown ? shown : t.name.trim();
}

/** Sophos answers apiHost only for provisioned tenants; the others cannot be read and are skipped (§1.3). */
export function hasApiHost(t: Pick<SophosTenant, 'apiHost'>): boolean {
  return typeof t.apiHost === 'string' && t.apiHost.trim() !== '';
}

export function tenantToCustomer(t: SophosTenant): ExternalCustomer {
  return { externalId: t.id, name: tenantDisplayName(t) };
}

export function tenantToContainer(t: SophosTenant): ExternalContainer {
  const path = [t.dataRegion, t.billingType].filter((p): p is string => !!p).join(' · ');
  return { externalId: t.id, name: tenantDisplayName(t), kind: 'tenant', ...(path ? { path } : {}) };
}

/** yyyy-MM-dd as Sophos sends it; anything else is dropped rather than guessed. */
function isoDate(value: string | undefined): string | undefined {
  return value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

export function licenceToExternal(tenantId: string, l: SophosLicence): ExternalLicence {
  const name = l.product.name?.trim() || l.product.code || l.licenseIdentifier || l.id;
  const out: ExternalLicence = { externalId: l.id, containerId: tenantId, name, vendor: SOPHOS_VENDOR };
  if (l.product.code) out.productCode = l.product.code;
  if (l.type) out.type = l.type;
  // An unlimited licence has no quantity (§1.4); leave it unset rather than invent a number.
  if (l.quantity !== undefined && !l.unlimited) out.quantity = l.quantity;
  const consumed = l.usage?.current?.count;
  if (consumed !== undefined) out.consumed = consumed;
  const start = isoDate(l.startDate);
  if (start) out.startDate = start;
  const end = isoDate(l.endDate);
  if (end && !l.perpetual) out.endDate = end;
  return out;
}
