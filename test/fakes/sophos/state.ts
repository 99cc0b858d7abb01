// The fake's data: credentials, tenants (in listing order), licences and firewalls per tenant.
// Tests mutate it between or during syncs (rename, remove, change a licence) through these methods, and the
// server reads it on every request, so a change is visible on the very next call.

import { randomUUID } from 'node:crypto';
import type { SophosCredential, SophosFirewall, SophosLicence, SophosTenant } from './types.js';

export interface SophosStateInit {
  partnerId: string;
  organizationId: string;
  credentials?: SophosCredential[];
  tenants?: SophosTenant[];
  licences?: Map<string, SophosLicence[]>;
  firewalls?: SophosFirewall[];
}

export class SophosState {
  readonly partnerId: string;
  readonly organizationId: string;
  readonly credentials: SophosCredential[];
  /** Listing order is insertion order; paging slices this array. */
  readonly tenants: SophosTenant[];
  readonly licences: Map<string, SophosLicence[]>;
  readonly firewalls: SophosFirewall[];

  constructor(init: SophosStateInit) {
    this.partnerId = init.partnerId;
    this.organizationId = init.organizationId;
    this.credentials = init.credentials ?? [];
    this.tenants = init.tenants ?? [];
    this.licences = init.licences ?? new Map();
    this.firewalls = init.firewalls ?? [];
  }

  // ---- credentials ----------------------------------------------------------------------------------

  credential(idType: 'partner' | 'organization' | 'tenant'): SophosCredential {
    const found = this.credentials.find((c) => c.idType === idType);
    if (!found) throw new Error(`the fake has no ${idType} credential`);
    return found;
  }

  findCredential(clientId: string): SophosCredential | undefined {
    return this.credentials.find((c) => c.clientId === clientId);
  }

  /** A credential acting as one tenant (whoami idType "tenant"). Secret is random: it is a fake. */
  addTenantCredential(tenantId: string): SophosCredential {
    this.requireTenant(tenantId);
    const credential: SophosCredential = {
      clientId: randomUUID(),
      clientSecret: randomUUID().replaceAll('-', ''),
      idType: 'tenant',
      id: tenantId,
    };
    this.credentials.push(credential);
    return credential;
  }

  /** Changes a credential's secret, e.g. to simulate a rotated secret the connector still holds. */
  rotateSecret(clientId: string, newSecret: string): void {
    const credential = this.findCredential(clientId);
    if (!credential) throw new Error(`no credential ${clientId}`);
    credential.clientSecret = newSecret;
  }

  // ---- tenants --------------------------------------------------------------------------------------

  /** Position of each tenant id; rebuilt when stale, so tests may also edit `tenants` directly. */
  private positions = new Map<string, number>();

  tenant(id: string): SophosTenant | undefined {
    const at = (): SophosTenant | undefined => {
      const position = this.positions.get(id);
      const found = position === undefined ? undefined : this.tenants[position];
      return found?.id === id ? found : undefined;
    };
    const hit = at();
    if (hit) return hit;
    // Benchmarks make thousands of lookups; a stale or missing entry costs one O(n) rebuild, not one per call.
    this.positions = new Map(this.tenants.map((t, index) => [t.id, index]));
    return at();
  }

  requireTenant(id: string): SophosTenant {
    const found = this.tenant(id);
    if (!found) throw new Error(`no tenant ${id}`);
    return found;
  }

  /** Adds a tenant (at the end of the listing) managed by this partner unless told otherwise. */
  addTenant(input: Partial<SophosTenant> & { name: string }): SophosTenant {
    const tenant: SophosTenant = {
      id: input.id ?? randomUUID(),
      name: input.name,
      showAs: input.showAs ?? input.name,
      dataGeography: input.dataGeography ?? 'EU',
      dataRegion: input.dataRegion ?? 'eu01',
      billingType: input.billingType ?? 'term',
      partnerId: input.partnerId ?? this.partnerId,
      apiHostMode: input.apiHostMode ?? 'region',
    };
    if (input.organizationId !== undefined) tenant.organizationId = input.organizationId;
    if (input.status !== undefined) tenant.status = input.status;
    if (this.tenant(tenant.id)) throw new Error(`tenant ${tenant.id} already exists`);
    this.tenants.push(tenant);
    this.licences.set(tenant.id, []);
    return tenant;
  }

  /** Renames a tenant; `showAs` follows unless given separately (the id never changes). */
  renameTenant(id: string, name: string, showAs: string = name): SophosTenant {
    const tenant = this.requireTenant(id);
    tenant.name = name;
    tenant.showAs = showAs;
    return tenant;
  }

  updateTenant(id: string, patch: Partial<Omit<SophosTenant, 'id'>>): SophosTenant {
    const tenant = this.requireTenant(id);
    Object.assign(tenant, patch);
    return tenant;
  }

  /** Removes a tenant with its licences and firewalls; later tenants shift one place up in paging. */
  removeTenant(id: string): void {
    const index = this.tenants.findIndex((t) => t.id === id);
    if (index < 0) throw new Error(`no tenant ${id}`);
    this.tenants.splice(index, 1);
    this.licences.delete(id);
    for (let i = this.firewalls.length - 1; i >= 0; i--)
      if (this.firewalls[i]!.tenantId === id) this.firewalls.splice(i, 1);
  }

  /** Marks a tenant as having no apiHost (the connector must skip it, §1.3 (inferred)). */
  dropApiHost(id: string): SophosTenant {
    return this.updateTenant(id, { apiHostMode: 'none' });
  }

  // ---- licences -------------------------------------------------------------------------------------

  licencesOf(tenantId: string): SophosLicence[] {
    return this.licences.get(tenantId) ?? [];
  }

  /** Adds the licence, or replaces the one with the same id. */
  putLicence(tenantId: string, licence: SophosLicence): void {
    this.requireTenant(tenantId);
    const list = this.licences.get(tenantId) ?? [];
    const index = list.findIndex((l) => l.id === licence.id);
    if (index >= 0) list[index] = licence;
    else list.push(licence);
    this.licences.set(tenantId, list);
  }

  /** Shallow-merges a change into one licence (e.g. { quantity: 80 } or { endDate: '2027-01-31' }). */
  updateLicence(
    tenantId: string,
    licenceId: string,
    patch: Partial<Omit<SophosLicence, 'id'>>,
  ): SophosLicence {
    const licence = this.licencesOf(tenantId).find((l) => l.id === licenceId);
    if (!licence) throw new Error(`no licence ${licenceId} on tenant ${tenantId}`);
    Object.assign(licence, patch);
    return licence;
  }

  removeLicence(tenantId: string, licenceId: string): void {
    const list = this.licencesOf(tenantId);
    const index = list.findIndex((l) => l.id === licenceId);
    if (index < 0) throw new Error(`no licence ${licenceId} on tenant ${tenantId}`);
    list.splice(index, 1);
  }

  firewallsOf(tenantId: string): SophosFirewall[] {
    return this.firewalls.filter((f) => f.tenantId === tenantId);
  }

  /** Total licences across all tenants: what a complete licence sync must have seen. */
  licenceCount(): number {
    let count = 0;
    for (const list of this.licences.values()) count += list.length;
    return count;
  }
}
