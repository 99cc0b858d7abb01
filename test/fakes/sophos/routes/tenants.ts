// GET /whoami/v1 (§1.2), GET /partner/v1/tenants, GET /partner/v1/tenants/{id},
// GET /organization/v1/tenants (§1.3).

import type { ApiCall } from '../context.js';
import { header, sendError, sendJson } from '../http-util.js';
import { pageOf, parsePageRequest } from '../paging.js';
import { pickFields, tenantWire } from '../render.js';
import type { SophosIdType, SophosTenant, SophosWhoami } from '../types.js';

export function handleWhoami({ res, caller, ctx }: ApiCall): void {
  const body: SophosWhoami = { id: caller.id, idType: caller.idType, apiHosts: { global: ctx.apiUrl } };
  // §1.2: dataRegion only for tenant callers; partners and organizations use the global host.
  if (caller.idType === 'tenant') {
    const tenant = ctx.state.tenant(caller.id);
    const dataRegion =
      tenant && tenant.apiHostMode === 'region' ? ctx.regionUrl(tenant.dataRegion) : undefined;
    if (dataRegion !== undefined) body.apiHosts.dataRegion = dataRegion;
  }
  sendJson(res, 200, body);
}

/**
 * The caller must be of `kind` and send its own id in `headerName`. (inferred) A missing header is a 400,
 * a wrong id or the wrong kind of caller a 403 (§1.5 names the wrong X-Partner-ID as a 403 cause).
 */
function checkScopeHeader(call: ApiCall, kind: SophosIdType, headerName: string): boolean {
  const { req, res, caller, ctx } = call;
  const value = header(req, headerName);
  if (value === undefined || value === '') {
    sendError(res, 400, `Missing required header ${headerName}`, ctx.now());
    return false;
  }
  if (caller.idType !== kind) {
    sendError(res, 403, `This API is only available to ${kind} callers`, ctx.now());
    return false;
  }
  if (value.toLowerCase() !== caller.id.toLowerCase()) {
    sendError(res, 403, `${headerName} does not match the caller`, ctx.now());
    return false;
  }
  return true;
}

function listTenants(call: ApiCall, tenants: SophosTenant[], allowFields: boolean): void {
  const { res, url, ctx } = call;
  const request = parsePageRequest(url.searchParams, ctx.limits);
  if (!request.ok) {
    sendError(res, 400, request.message, ctx.now());
    return;
  }
  const page = pageOf(tenants, request.value, ctx.limits);
  const wire = page.items.map((t) => tenantWire(t, ctx.regionUrl));
  const fieldsParam = url.searchParams.get('fields');
  const fields =
    allowFields && fieldsParam
      ? fieldsParam
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean)
      : undefined;
  sendJson(res, 200, { items: fields ? wire.map((t) => pickFields(t, fields)) : wire, pages: page.pages });
}

export function handlePartnerTenants(call: ApiCall): void {
  if (!checkScopeHeader(call, 'partner', 'X-Partner-ID')) return;
  const partnerId = call.caller.id;
  listTenants(
    call,
    call.ctx.state.tenants.filter((t) => t.partnerId === partnerId),
    true,
  );
}

export function handleOrganizationTenants(call: ApiCall): void {
  if (!checkScopeHeader(call, 'organization', 'X-Organization-ID')) return;
  const organizationId = call.caller.id;
  // §1.3: `fields` is documented for the partner listing only.
  listTenants(
    call,
    call.ctx.state.tenants.filter((t) => t.organizationId === organizationId),
    false,
  );
}

export function handlePartnerTenant(call: ApiCall, tenantId: string): void {
  if (!checkScopeHeader(call, 'partner', 'X-Partner-ID')) return;
  const { res, caller, ctx } = call;
  const tenant = ctx.state.tenant(tenantId);
  // (inferred) unknown id → 404; a tenant of another partner → 403.
  if (!tenant) {
    sendError(res, 404, `Tenant ${tenantId} not found`, ctx.now());
    return;
  }
  if (tenant.partnerId !== caller.id) {
    sendError(res, 403, `Tenant ${tenantId} is not managed by this partner`, ctx.now());
    return;
  }
  sendJson(res, 200, tenantWire(tenant, ctx.regionUrl));
}
