// Model → wire. Key order follows the reference examples so captured responses read like Sophos's.

import type { SophosFirewall, SophosFirewallWire, SophosTenant, SophosTenantWire } from './types.js';

/** `regionUrl` is the fake's loopback listener for the tenant's data region (never a real Sophos host). */
export function tenantWire(
  tenant: SophosTenant,
  regionUrl: (region: string) => string | undefined,
): SophosTenantWire {
  const wire: SophosTenantWire = {
    id: tenant.id,
    showAs: tenant.showAs,
    name: tenant.name,
    dataGeography: tenant.dataGeography,
    dataRegion: tenant.dataRegion,
    billingType: tenant.billingType,
  };
  if (tenant.partnerId !== undefined) wire.partner = { id: tenant.partnerId };
  if (tenant.organizationId !== undefined) wire.organization = { id: tenant.organizationId };
  const apiHost = tenant.apiHostMode === 'region' ? regionUrl(tenant.dataRegion) : undefined;
  if (apiHost !== undefined) wire.apiHost = apiHost;
  if (tenant.status !== undefined) wire.status = tenant.status;
  return wire;
}

/** Keeps only the requested top-level fields (the partner listing's `fields` parameter, §1.3). */
export function pickFields(item: SophosTenantWire, fields: readonly string[]): Partial<SophosTenantWire> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) if (fields.includes(key)) out[key] = value;
  return out as Partial<SophosTenantWire>;
}

/**
 * §1.4 firewall item. The owner is the managing partner when there is one, else the tenant
 * (inferred: the reference shows only `"type":"partner"`).
 */
export function firewallWire(firewall: SophosFirewall, tenant: SophosTenant): SophosFirewallWire {
  const wire: SophosFirewallWire = {
    serialNumber: firewall.serialNumber,
    owner:
      tenant.partnerId !== undefined
        ? { id: tenant.partnerId, type: 'partner' }
        : { id: tenant.id, type: 'tenant' },
    model: firewall.model,
    modelType: firewall.modelType,
    tenant: { id: tenant.id },
    billingTenant: { id: tenant.id },
    lastSeenAt: firewall.lastSeenAt,
    licenses: firewall.licenses,
  };
  if (tenant.partnerId !== undefined) wire.partner = { id: tenant.partnerId };
  if (tenant.organizationId !== undefined) wire.organization = { id: tenant.organizationId };
  return wire;
}
