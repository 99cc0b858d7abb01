// The fake against its contract (shared/reference/vendor-apis.md §1), with plain fetch.

import { describe, expect, it } from 'vitest';
import { expectErrorBody, get, partnerHeaders, postToken, tokenFor, useFakes } from './test-client.js';
import type {
  SophosLicencesResponse,
  SophosPage,
  SophosTenantWire,
  SophosTokenResponse,
  SophosWhoami,
} from './types.js';

const start = useFakes();

describe('token endpoint', () => {
  it('issues a bearer token for client_credentials with scope=token, on the id host only', async () => {
    const fake = await start({ tenants: 2 });
    const response = await postToken(fake, fake.credentials.partner);
    expect(response.status).toBe(200);
    const body = (await response.json()) as SophosTokenResponse;
    expect(body).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      errorCode: 'success',
      message: 'OK',
    });
    expect(body.access_token.split('.')).toHaveLength(3);
    expect(body.refresh_token).toMatch(/^[0-9a-f]+$/);
    expect(fake.idUrl).not.toBe(fake.apiUrl);
    const onApiHost = await fetch(`${fake.apiUrl}/api/v2/oauth2/token`, { method: 'POST' });
    expect(onApiHost.status).toBe(404);
    expect(fake.stats.tokensIssued).toBe(1);
  });

  it('answers 401 oauth.invalid_client_secret for a wrong secret and 400 without scope=token', async () => {
    const fake = await start({ tenants: 2 });
    const bad = await postToken(fake, { clientId: fake.credentials.partner.clientId, clientSecret: 'nope' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({
      errorCode: 'oauth.invalid_client_secret',
      message: 'Unauthorized',
    });
    const unknown = await postToken(fake, { clientId: 'who', clientSecret: 'nope' });
    expect(unknown.status).toBe(401);
    const noScope = await postToken(fake, fake.credentials.partner, 'other');
    expect(noScope.status).toBe(400);
  });

  it('accepts the Postman refresh_token JSON grant once per refresh token', async () => {
    const fake = await start({ tenants: 2 });
    const first = (await (await postToken(fake, fake.credentials.partner)).json()) as SophosTokenResponse;
    const refresh = () =>
      fetch(fake.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_id: fake.credentials.partner.clientId,
          client_secret: fake.credentials.partner.clientSecret,
          grant_type: 'refresh_token',
          refresh_token: first.refresh_token,
        }),
      });
    expect((await refresh()).status).toBe(200);
    expect((await refresh()).status).toBe(401);
  });
});

describe('whoami', () => {
  it('reports idType and id per credential, dataRegion only for a tenant', async () => {
    const fake = await start({ tenants: 4 });
    const { partner, organization, tenant } = fake.credentials;
    for (const credential of [partner, organization]) {
      const { status, body } = await get(fake.apiUrl, '/whoami/v1', await tokenFor(fake, credential));
      expect(status).toBe(200);
      expect(body).toEqual({
        id: credential.id,
        idType: credential.idType,
        apiHosts: { global: fake.apiUrl },
      });
    }
    const { body } = await get(fake.apiUrl, '/whoami/v1', await tokenFor(fake, tenant!));
    const whoami = body as SophosWhoami;
    const region = fake.state.requireTenant(tenant!.id).dataRegion;
    expect(whoami).toEqual({
      id: tenant!.id,
      idType: 'tenant',
      apiHosts: { global: fake.apiUrl, dataRegion: fake.regionUrls[region] },
    });
  });

  it('answers 401 with the Sophos unauthorized body without a valid token', async () => {
    const fake = await start({ tenants: 1 });
    const { status, body } = await get(fake.apiUrl, '/whoami/v1', 'not-a-token');
    expect(status).toBe(401);
    expect(Object.keys(body as object).sort()).toEqual(['correlationId', 'error', 'requestId']);
    expect(body).toMatchObject({ error: 'Unauthorized' });
  });
});

describe('tenant listing', () => {
  it('pages with pageTotal=true across every page, losing and duplicating nothing', async () => {
    const fake = await start({ tenants: 237 });
    const token = await tokenFor(fake, fake.credentials.partner);
    const seen: string[] = [];
    let total = 1;
    for (let page = 1; page <= total; page++) {
      const { status, body } = await get(
        fake.apiUrl,
        `/partner/v1/tenants?pageTotal=true&page=${page}&pageSize=100`,
        token,
        partnerHeaders(fake),
      );
      expect(status).toBe(200);
      const result = body as SophosPage<SophosTenantWire>;
      expect(result.pages).toEqual({ current: page, size: 100, total: 3, items: 237, maxSize: 100 });
      total = result.pages.total!;
      seen.push(...result.items.map((t) => t.id));
    }
    expect(seen).toHaveLength(237);
    expect(new Set(seen).size).toBe(237);
    expect(seen).toEqual(fake.state.tenants.map((t) => t.id));
    expect(fake.stats.requests['partner.tenants']).toBe(3);
  });

  it('omits total and items without pageTotal, defaults the page size, and refuses sizes over maxSize', async () => {
    const fake = await start({ tenants: 60 });
    const token = await tokenFor(fake, fake.credentials.partner);
    const plain = await get(fake.apiUrl, '/partner/v1/tenants', token, partnerHeaders(fake));
    expect((plain.body as SophosPage<SophosTenantWire>).pages).toEqual({
      current: 1,
      size: 50,
      maxSize: 100,
    });
    expect((plain.body as SophosPage<SophosTenantWire>).items).toHaveLength(50);
    const past = await get(
      fake.apiUrl,
      '/partner/v1/tenants?page=9&pageTotal=true',
      token,
      partnerHeaders(fake),
    );
    expect((past.body as SophosPage<SophosTenantWire>).items).toEqual([]);
    expect((past.body as SophosPage<SophosTenantWire>).pages).toMatchObject({
      current: 9,
      total: 2,
      items: 60,
    });
    const tooBig = await get(fake.apiUrl, '/partner/v1/tenants?pageSize=101', token, partnerHeaders(fake));
    expect(tooBig.status).toBe(400);
    expectErrorBody(tooBig.body, 'badRequest');
    expect((await get(fake.apiUrl, '/partner/v1/tenants?page=0', token, partnerHeaders(fake))).status).toBe(
      400,
    );
  });

  it('renders every tenant field with apiHost on the fake, and honours fields=', async () => {
    const fake = await start({ tenants: 3 });
    const token = await tokenFor(fake, fake.credentials.partner);
    const { body } = await get(fake.apiUrl, '/partner/v1/tenants', token, partnerHeaders(fake));
    const tenant = (body as SophosPage<SophosTenantWire>).items[0]!;
    const model = fake.state.tenants[0]!;
    expect(tenant).toEqual({
      id: model.id,
      showAs: model.name,
      name: model.name,
      dataGeography: model.dataGeography,
      dataRegion: model.dataRegion,
      billingType: model.billingType,
      partner: { id: fake.credentials.partner.id },
      organization: { id: fake.credentials.organization.id },
      apiHost: fake.regionUrls[model.dataRegion],
    });
    const partial = await get(fake.apiUrl, '/partner/v1/tenants?fields=id,name', token, partnerHeaders(fake));
    expect((partial.body as SophosPage<SophosTenantWire>).items[0]).toEqual({
      id: model.id,
      name: model.name,
    });
  });

  it('validates X-Partner-ID and X-Organization-ID and the kind of caller', async () => {
    const fake = await start({ tenants: 9 });
    const partner = await tokenFor(fake, fake.credentials.partner);
    const organization = await tokenFor(fake, fake.credentials.organization);
    const missing = await get(fake.apiUrl, '/partner/v1/tenants', partner);
    expect(missing.status).toBe(400);
    const wrong = await get(fake.apiUrl, '/partner/v1/tenants', partner, {
      'X-Partner-ID': fake.credentials.organization.id,
    });
    expect(wrong.status).toBe(403);
    expectErrorBody(wrong.body, 'forbidden');
    const orgOnPartner = await get(fake.apiUrl, '/partner/v1/tenants', organization, {
      'X-Partner-ID': fake.credentials.organization.id,
    });
    expect(orgOnPartner.status).toBe(403);
    const partnerOnOrg = await get(fake.apiUrl, '/organization/v1/tenants', partner, {
      'X-Organization-ID': fake.credentials.partner.id,
    });
    expect(partnerOnOrg.status).toBe(403);

    const orgList = await get(fake.apiUrl, '/organization/v1/tenants?pageTotal=true', organization, {
      'X-Organization-ID': fake.credentials.organization.id,
    });
    expect(orgList.status).toBe(200);
    const expected = fake.state.tenants
      .filter((t) => t.organizationId === fake.credentials.organization.id)
      .map((t) => t.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(9);
    expect((orgList.body as SophosPage<SophosTenantWire>).items.map((t) => t.id)).toEqual(expected);
  });

  it('returns one tenant by id, 404 for an unknown id', async () => {
    const fake = await start({ tenants: 3 });
    const token = await tokenFor(fake, fake.credentials.partner);
    const model = fake.state.tenants[1]!;
    const one = await get(fake.apiUrl, `/partner/v1/tenants/${model.id}`, token, partnerHeaders(fake));
    expect(one.status).toBe(200);
    expect((one.body as SophosTenantWire).name).toBe(model.name);
    const none = await get(
      fake.apiUrl,
      '/partner/v1/tenants/00000000-0000-4000-8000-000000000000',
      token,
      partnerHeaders(fake),
    );
    expect(none.status).toBe(404);
    expectErrorBody(none.body, 'notFound');
  });

  it('shows state changes on the next request and omits apiHost for a tenant without one', async () => {
    const fake = await start({ tenants: 5 });
    const token = await tokenFor(fake, fake.credentials.partner);
    const [a, b, c] = fake.state.tenants;
    fake.state.renameTenant(a!.id, 'Renamed Holdings Ltd');
    fake.state.removeTenant(b!.id);
    fake.state.dropApiHost(c!.id);
    const { body } = await get(
      fake.apiUrl,
      '/partner/v1/tenants?pageTotal=true',
      token,
      partnerHeaders(fake),
    );
    const page = body as SophosPage<SophosTenantWire>;
    expect(page.pages.items).toBe(4);
    expect(page.items.find((t) => t.id === a!.id)?.name).toBe('Renamed Holdings Ltd');
    expect(page.items.some((t) => t.id === b!.id)).toBe(false);
    const noHost = page.items.find((t) => t.id === c!.id)!;
    expect(noHost).toBeDefined();
    expect('apiHost' in noHost).toBe(false);
    const licences = await get(fake.apiUrl, '/licenses/v1/licenses', token, { 'X-Tenant-ID': c!.id });
    expect(licences.status).toBe(403);
  });
});

describe('regional hosts', () => {
  it("serves each tenant's apiHost from the fake itself", async () => {
    const fake = await start({ tenants: 30 });
    const token = await tokenFor(fake, fake.credentials.partner);
    const { body } = await get(fake.apiUrl, '/partner/v1/tenants?pageSize=100', token, partnerHeaders(fake));
    const tenants = (body as SophosPage<SophosTenantWire>).items;
    const regions = new Set<string>();
    for (const tenant of tenants) {
      expect(tenant.apiHost).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const viaRegion = await get(tenant.apiHost!, '/licenses/v1/licenses', token, {
        'X-Tenant-ID': tenant.id,
      });
      expect(viaRegion.status).toBe(200);
      expect((viaRegion.body as SophosLicencesResponse).tenant.id).toBe(tenant.id);
      regions.add(tenant.dataRegion);
    }
    for (const region of regions) expect(fake.stats.byHost[region]).toBeGreaterThan(0);
    expect(regions.size).toBeGreaterThan(1);
  });
});
