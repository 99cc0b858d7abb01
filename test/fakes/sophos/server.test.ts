// The fake against its contract (shared/reference/vendor-apis.md §1), with plain fetch.

import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSophos, type FakeSophos, type FakeSophosOptions } from './server.js';
import { get, postToken, tokenFor } from './test-client.js';
import type {
  SophosErrorBody,
  SophosLicencesResponse,
  SophosPage,
  SophosFirewallWire,
  SophosTenantWire,
  SophosTokenResponse,
  SophosWhoami,
} from './types.js';

const running: FakeSophos[] = [];
async function start(options: FakeSophosOptions = {}): Promise<FakeSophos> {
  const fake = await startFakeSophos(options);
  running.push(fake);
  return fake;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((fake) => fake.close()));
});

const partnerHeaders = (fake: FakeSophos) => ({ 'X-Partner-ID': fake.credentials.partner.id });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectErrorBody(body: unknown, status: string): void {
  const error = body as SophosErrorBody;
  expect(Object.keys(error).sort()).toEqual([
    'code',
    'correlationId',
    'createdAt',
    'docUrl',
    'error',
    'message',
    'requestId',
  ]);
  expect(error.error).toBe(status);
}

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

describe('licences', () => {
  it('returns each tenant its own licences in the §1.4 shape', async () => {
    const fake = await start({ tenants: 6, licencesPerTenant: 5 });
    const token = await tokenFor(fake, fake.credentials.partner);
    for (const tenant of fake.state.tenants) {
      const { status, body } = await get(fake.apiUrl, '/licenses/v1/licenses', token, {
        'X-Tenant-ID': tenant.id,
      });
      expect(status).toBe(200);
      const result = body as SophosLicencesResponse;
      expect(result.tenant).toEqual({ id: tenant.id });
      expect(result.organization).toEqual(
        tenant.organizationId === undefined ? undefined : { id: tenant.organizationId },
      );
      expect(result.licenses).toEqual(fake.state.licencesOf(tenant.id));
      expect(result.licenses).toHaveLength(5);
      for (const licence of result.licenses) {
        expect(licence.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (licence.endDate !== undefined) expect(licence.endDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Object.keys(licence.product).sort()).toEqual(['code', 'genericCode', 'name']);
        if (licence.perpetual) expect(licence.endDate).toBeUndefined();
        if (licence.unlimited) expect(licence.quantity).toBeUndefined();
        else expect(typeof licence.quantity).toBe('number');
      }
    }
    expect(fake.stats.requests.licenses).toBe(6);
  });

  it('lets a tenant credential read its own licences only, and requires X-Tenant-ID', async () => {
    const fake = await start({ tenants: 4 });
    const self = fake.credentials.tenant!;
    const token = await tokenFor(fake, self);
    expect((await get(fake.apiUrl, '/licenses/v1/licenses', token, { 'X-Tenant-ID': self.id })).status).toBe(
      200,
    );
    const other = fake.state.tenants.find((t) => t.id !== self.id)!;
    expect((await get(fake.apiUrl, '/licenses/v1/licenses', token, { 'X-Tenant-ID': other.id })).status).toBe(
      403,
    );
    expect((await get(fake.apiUrl, '/licenses/v1/licenses', token)).status).toBe(400);
  });

  it('reflects licence changes and pages firewall licences by partner or tenant', async () => {
    const fake = await start({ tenants: 20, firewalls: 7 });
    const token = await tokenFor(fake, fake.credentials.partner);
    const tenant = fake.state.tenants[0]!;
    const [first, second] = fake.state.licencesOf(tenant.id);
    fake.state.updateLicence(tenant.id, first!.id, { quantity: 999 });
    fake.state.removeLicence(tenant.id, second!.id);
    const changed = (await get(fake.apiUrl, '/licenses/v1/licenses', token, { 'X-Tenant-ID': tenant.id }))
      .body as SophosLicencesResponse;
    expect(changed.licenses.find((l) => l.id === first!.id)?.quantity).toBe(999);
    expect(changed.licenses.some((l) => l.id === second!.id)).toBe(false);

    const serials: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const { body } = await get(
        fake.apiUrl,
        `/licenses/v1/licenses/firewalls?page=${page}&pageSize=3&pageTotal=true`,
        token,
        partnerHeaders(fake),
      );
      const result = body as SophosPage<SophosFirewallWire>;
      expect(result.pages).toMatchObject({ current: page, size: 3, total: 3, items: 7 });
      serials.push(...result.items.map((f) => f.serialNumber));
    }
    expect(serials.sort()).toEqual(fake.state.firewalls.map((f) => f.serialNumber).sort());
    const fwTenant = fake.state.firewalls[0]!.tenantId;
    const byTenant = await get(fake.apiUrl, '/licenses/v1/licenses/firewalls', token, {
      'X-Tenant-ID': fwTenant,
    });
    const items = (byTenant.body as SophosPage<SophosFirewallWire>).items;
    expect(items.map((f) => f.tenant.id)).toEqual(fake.state.firewallsOf(fwTenant).map((f) => f.tenantId));
    expect(items[0]).toMatchObject({
      owner: { id: fake.credentials.partner.id, type: 'partner' },
      billingTenant: { id: fwTenant },
    });
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

describe('expiry, rate limits and scripted faults', () => {
  it('answers 401 once a 1-second token has expired, and a fresh token works', async () => {
    const fake = await start({ tenants: 2, tokenTtlSeconds: 1 });
    const token = await tokenFor(fake, fake.credentials.partner);
    expect((await get(fake.apiUrl, '/whoami/v1', token)).status).toBe(200);
    await sleep(1_100);
    const expired = await get(fake.apiUrl, '/whoami/v1', token);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: 'Unauthorized' });
    expect(
      (await get(fake.apiUrl, '/whoami/v1', await tokenFor(fake, fake.credentials.partner))).status,
    ).toBe(200);
  });

  it('sends 429 with Retry-After in seconds, or as an HTTP date', async () => {
    const fake = await start({ tenants: 2, rateLimit: { requestsPerSecond: 1, burst: 2 } });
    const token = await tokenFor(fake, fake.credentials.partner);
    const statuses = [];
    let limited: Awaited<ReturnType<typeof get>> | undefined;
    for (let i = 0; i < 3; i++) {
      const response = await get(fake.apiUrl, '/whoami/v1', token);
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expectErrorBody(limited!.body, 'tooManyRequests');
    expect(fake.stats.rateLimited).toBe(1);

    fake.controls.rateLimit = { requestsPerSecond: 1, burst: 1, retryAfterFormat: 'http-date' };
    expect((await get(fake.apiUrl, '/whoami/v1', token)).status).toBe(200);
    const dated = await get(fake.apiUrl, '/whoami/v1', token);
    expect(dated.status).toBe(429);
    const until = Date.parse(dated.headers.get('retry-after')!);
    expect(until).toBeGreaterThan(Date.now());
    expect(fake.stats.rateLimited).toBe(2);
    // Another client has its own bucket.
    expect(
      (await get(fake.apiUrl, '/whoami/v1', await tokenFor(fake, fake.credentials.organization))).status,
    ).toBe(200);
  });

  it('fails tenants page 2 once with a 500, then serves it on retry', async () => {
    const fake = await start({ tenants: 250 });
    const fault = fake.inject({ route: 'partner.tenants', page: 2, action: { type: 'status', status: 500 } });
    const token = await tokenFor(fake, fake.credentials.partner);
    const path = (page: number) => `/partner/v1/tenants?pageTotal=true&pageSize=100&page=${page}`;
    expect((await get(fake.apiUrl, path(1), token, partnerHeaders(fake))).status).toBe(200);
    const failed = await get(fake.apiUrl, path(2), token, partnerHeaders(fake));
    expect(failed.status).toBe(500);
    expectErrorBody(failed.body, 'internalServerError');
    const retried = await get(fake.apiUrl, path(2), token, partnerHeaders(fake));
    expect(retried.status).toBe(200);
    expect((retried.body as SophosPage<SophosTenantWire>).items[0]!.id).toBe(fake.state.tenants[100]!.id);
    expect(fault.fired).toBe(1);
    expect(fault.done).toBe(true);
    expect(
      fake.stats.log.filter((e) => e.route === 'partner.tenants').map((e) => [e.page, e.status]),
    ).toEqual([
      [1, 200],
      [2, 500],
      [2, 200],
    ]);
  });

  it('fails after N matching requests (skip) with 503 and Retry-After', async () => {
    const fake = await start({ tenants: 5 });
    const token = await tokenFor(fake, fake.credentials.partner);
    fake.inject({ route: 'licenses', skip: 2, action: { type: 'status', status: 503, retryAfter: 3 } });
    const statuses = [];
    for (const tenant of fake.state.tenants.slice(0, 4)) {
      const response = await get(fake.apiUrl, '/licenses/v1/licenses', token, { 'X-Tenant-ID': tenant.id });
      statuses.push(response.status);
      if (response.status === 503) expect(response.headers.get('retry-after')).toBe('3');
    }
    expect(statuses).toEqual([200, 200, 503, 200]);
  });

  it('forces one 401 on a still-valid token; the same token then works', async () => {
    const fake = await start({ tenants: 2 });
    const token = await tokenFor(fake, fake.credentials.partner);
    fake.inject({ action: { type: 'unauthorized' } });
    const forced = await get(fake.apiUrl, '/whoami/v1', token);
    expect(forced.status).toBe(401);
    expect(forced.body).toMatchObject({ error: 'Unauthorized' });
    expect((await get(fake.apiUrl, '/whoami/v1', token)).status).toBe(200);
  });

  it('stalls a request until the client gives up, and resets a connection', async () => {
    const fake = await start({ tenants: 2 });
    const token = await tokenFor(fake, fake.credentials.partner);
    fake.inject({ route: 'whoami', action: { type: 'stall' } });
    const started = Date.now();
    await expect(get(fake.apiUrl, '/whoami/v1', token, {}, AbortSignal.timeout(200))).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    fake.inject({ route: 'whoami', action: { type: 'reset' } });
    await expect(get(fake.apiUrl, '/whoami/v1', token)).rejects.toThrow();
    expect((await get(fake.apiUrl, '/whoami/v1', token)).status).toBe(200);
    expect(fake.stats.faultsFired).toBe(2);
  });

  it('adds latency and counts peak concurrency', async () => {
    const fake = await start({ tenants: 2, latencyMs: 80 });
    const token = await tokenFor(fake, fake.credentials.partner);
    fake.stats.reset();
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 6 }, () => get(fake.apiUrl, '/whoami/v1', token)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    expect(fake.stats.maxInFlight).toBe(6);
    expect(fake.stats.inFlight).toBe(0);
    expect(fake.stats.requests.whoami).toBe(6);
    expect(fake.stats.byStatus[200]).toBe(6);
  });

  it('lets onRequest change the estate between pages (unstable offset paging)', async () => {
    const fake = await start({
      tenants: 10,
      onRequest: (request, self) => {
        if (request.route === 'partner.tenants' && request.page === 2)
          self.state.removeTenant(self.state.tenants[0]!.id);
      },
    });
    const token = await tokenFor(fake, fake.credentials.partner);
    const original = fake.state.tenants.map((t) => t.id);
    const ids: string[] = [];
    for (const page of [1, 2]) {
      const { body } = await get(
        fake.apiUrl,
        `/partner/v1/tenants?pageSize=5&page=${page}&pageTotal=true`,
        token,
        partnerHeaders(fake),
      );
      ids.push(...(body as SophosPage<SophosTenantWire>).items.map((t) => t.id));
    }
    // The shift hides original[5]: exactly the hazard a connector must detect (reliability §4 #10).
    expect(ids).toHaveLength(9);
    expect(ids).not.toContain(original[5]);
  });
});
