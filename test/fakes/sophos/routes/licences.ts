// GET /licenses/v1/licenses (X-Tenant-ID, not paged) and GET /licenses/v1/licenses/firewalls
// (X-Tenant-ID or X-Partner-ID, paged) — §1.4.

import type { ApiCall } from '../context.js';
import { header, sendError, sendJson } from '../http-util.js';
import { pageOf, parsePageRequest } from '../paging.js';
import { firewallWire } from '../render.js';
import type { SophosCredential, SophosLicencesResponse, SophosTenant } from '../types.js';

/** Whether this caller may act on this tenant: its partner, its organization, or the tenant itself. */
export function canAccessTenant(caller: SophosCredential, tenant: SophosTenant): boolean {
  switch (caller.idType) {
    case 'partner':
      return tenant.partnerId === caller.id;
    case 'organization':
      return tenant.organizationId === caller.id;
    case 'tenant':
      return tenant.id === caller.id;
  }
}

/**
 * Resolves X-Tenant-ID to a tenant the caller may read, or answers the error. (inferred) Unknown and foreign
 * tenants are both 403 (§1.5: partner → tenant calls fail with 403), and so is a tenant without an apiHost:
 * it is not provisioned, which is why the connector must skip it.
 */
function tenantFromHeader(call: ApiCall, value: string): SophosTenant | undefined {
  const { res, caller, ctx } = call;
  const tenant = ctx.state.tenant(value);
  if (!tenant || !canAccessTenant(caller, tenant)) {
    sendError(res, 403, `Not authorized to access tenant ${value}`, ctx.now());
    return undefined;
  }
  if (tenant.apiHostMode === 'none') {
    sendError(res, 403, `Tenant ${value} is not available for API access`, ctx.now());
    return undefined;
  }
  return tenant;
}

export function handleLicences(call: ApiCall): void {
  const { req, res, ctx } = call;
  const tenantId = header(req, 'X-Tenant-ID');
  if (tenantId === undefined || tenantId === '') {
    sendError(res, 400, 'Missing required header X-Tenant-ID', ctx.now());
    return;
  }
  const tenant = tenantFromHeader(call, tenantId);
  if (!tenant) return;
  const body: SophosLicencesResponse = {
    tenant: { id: tenant.id },
    licenses: ctx.state.licencesOf(tenant.id),
  };
  // Key order as in the reference example: organization first when there is one.
  sendJson(
    res,
    200,
    tenant.organizationId !== undefined ? { organization: { id: tenant.organizationId }, ...body } : body,
  );
}

export function handleFirewallLicences(call: ApiCall): void {
  const { req, res, url, caller, ctx } = call;
  const tenantId = header(req, 'X-Tenant-ID');
  const partnerId = header(req, 'X-Partner-ID');
  let tenants: SophosTenant[];
  if (tenantId) {
    const tenant = tenantFromHeader(call, tenantId);
    if (!tenant) return;
    tenants = [tenant];
  } else if (partnerId) {
    if (caller.idType !== 'partner' || partnerId.toLowerCase() !== caller.id.toLowerCase()) {
      sendError(res, 403, 'X-Partner-ID does not match the caller', ctx.now());
      return;
    }
    tenants = ctx.state.tenants.filter((t) => t.partnerId === caller.id);
  } else {
    sendError(res, 400, 'Missing required header X-Tenant-ID or X-Partner-ID', ctx.now());
    return;
  }
  const request = parsePageRequest(url.searchParams, ctx.limits);
  if (!request.ok) {
    sendError(res, 400, request.message, ctx.now());
    return;
  }
  // `sort` is accepted and ignored (inferred): listing order is stable, which is what paging needs.
  const byId = new Map(tenants.map((t) => [t.id, t]));
  const firewalls = ctx.state.firewalls
    .filter((f) => byId.has(f.tenantId))
    .map((f) => firewallWire(f, byId.get(f.tenantId)!));
  sendJson(res, 200, pageOf(firewalls, request.value, ctx.limits));
}
