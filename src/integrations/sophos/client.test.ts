// The Sophos client against the fake Sophos Central (real HTTP on loopback): paging, caller kinds, token
// refresh, 429 with Retry-After, a 500 mid-paging, tenants without an apiHost.
import { describe, expect, it } from 'vitest';
import { useFakes } from '../../../test/fakes/sophos/test-client.js';
import type { FakeSophos } from '../../../test/fakes/sophos/index.js';
import { SophosClient, type TenantPage } from './client.js';
import { createLogger } from '../../log.js';
import { fakeSophosConfig, type CallerKind } from './testing.js';

const startFake = useFakes();

function client(fake: FakeSophos, caller: CallerKind = 'partner', extra: Record<string, unknown> = {}) {
  return new SophosClient({
    config: fakeSophosConfig(fake, caller, extra),
    log: createLogger('silent'),
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
  });
}

async function allPages(c: SophosClient): Promise<TenantPage[]> {
  const pages: TenantPage[] = [];
  for await (const p of c.tenantPages()) pages.push(p);
  return pages;
}

const listingUrls = (
  fake: FakeSophos,
  route: 'partner.tenants' | 'organization.tenants' = 'partner.tenants',
) => fake.stats.log.filter((e) => e.route === route).map((e) => new URL(e.url, 'http://x').searchParams);

describe('SophosClient against the fake', () => {
  it('pages through 237 partner tenants with pageTotal, in order, each exactly once', async () => {
    const fake = await startFake({ tenants: 237, licencesPerTenant: 1 });
    const pages = await allPages(client(fake));
    expect(pages.map((p) => [p.page, p.tenants.length, p.last])).toEqual([
      [1, 100, false],
      [2, 100, false],
      [3, 37, true],
    ]);
    expect(pages.every((p) => p.totalItems === 237)).toBe(true);
    expect(pages.flatMap((p) => p.tenants.map((t) => t.id))).toEqual(fake.state.tenants.map((t) => t.id));
    const params = listingUrls(fake);
    expect(params.map((q) => [q.get('page'), q.get('pageSize'), q.get('pageTotal')])).toEqual([
      ['1', '100', 'true'],
      ['2', '100', 'true'],
      ['3', '100', 'true'],
    ]);
    expect(fake.stats.requests.whoami).toBe(1);
    expect(fake.stats.tokensIssued).toBe(1);
    expect(fake.stats.byStatus[200]).toBe(fake.stats.total - fake.stats.requests.token + 1); // every API call 200, plus the token
  });

  it("lists an organization caller's tenants with X-Organization-ID", async () => {
    const fake = await startFake({ tenants: 237, licencesPerTenant: 0 });
    const pages = await allPages(client(fake, 'organization', { pageSize: 50 }));
    const expected = fake.state.tenants
      .filter((t) => t.organizationId === fake.state.organizationId)
      .map((t) => t.id);
    expect(expected.length).toBe(79);
    expect(pages.flatMap((p) => p.tenants.map((t) => t.id))).toEqual(expected);
    expect(pages.length).toBe(2);
    expect(fake.stats.requests['partner.tenants']).toBe(0);
    expect(fake.stats.requests['organization.tenants']).toBe(2);
  });

  it('treats a tenant credential as its own single tenant and reads its licences on the global host', async () => {
    const fake = await startFake({ tenants: 5, licencesPerTenant: 3 });
    const c = client(fake, 'tenant', { tenantName: 'Our Own Tenant' });
    const pages = await allPages(c);
    const own = fake.state.tenants[0]!;
    expect(pages).toEqual([
      {
        page: 1,
        tenants: [{ id: own.id, name: 'Our Own Tenant', apiHost: fake.regionUrls[own.dataRegion] }],
        skipped: 0,
        totalItems: 1,
        last: true,
      },
    ]);
    const licences = await c.licences(own.id);
    expect(licences.map((l) => l.id)).toEqual(fake.state.licencesOf(own.id).map((l) => l.id));
    expect(fake.stats.byHost.global).toBe(2); // whoami + licences, both on the global host
    expect(fake.stats.requests['partner.tenants'] + fake.stats.requests['organization.tenants']).toBe(0);
  });

  it('on a 401 for an expired token refreshes once and retries the same page', async () => {
    const fake = await startFake({ tenants: 250, licencesPerTenant: 0 });
    const c = client(fake);
    const it = c.tenantPages();
    await it.next(); // page 1 (page 2 is already being fetched)
    const second = await it.next();
    expect(second.value?.page).toBe(2);
    fake.expireAllTokens();
    const third = await it.next();
    expect(third.value?.page).toBe(3);
    expect((await it.next()).done).toBe(true);
    const page3 = fake.stats.log.filter((e) => e.route === 'partner.tenants' && e.page === 3);
    expect(page3.map((e) => e.status)).toEqual([401, 200]);
    expect(fake.stats.tokensIssued).toBe(2);
  });

  it('a 401 on a still-valid token (revoked) also refreshes once; a second 401 fails as auth', async () => {
    const fake = await startFake({ tenants: 3, licencesPerTenant: 0 });
    fake.inject({ route: 'partner.tenants', action: { type: 'unauthorized' } });
    expect((await allPages(client(fake))).flatMap((p) => p.tenants)).toHaveLength(3);
    expect(fake.stats.tokensIssued).toBe(2);

    fake.inject({ route: 'partner.tenants', times: 2, action: { type: 'unauthorized' } });
    await expect(allPages(client(fake))).rejects.toMatchObject({ kind: 'auth', code: 'VENDOR_UNAUTHORIZED' });
  });

  it('honours Retry-After on a 429 and then continues', async () => {
    const fake = await startFake({ tenants: 150, licencesPerTenant: 0 });
    fake.inject({
      route: 'partner.tenants',
      page: 2,
      action: { type: 'status', status: 429, retryAfter: 1 },
    });
    const pages = await allPages(client(fake));
    expect(pages.flatMap((p) => p.tenants)).toHaveLength(150);
    const page2 = fake.stats.log.filter((e) => e.route === 'partner.tenants' && e.page === 2);
    expect(page2.map((e) => e.status)).toEqual([429, 200]);
    expect(page2[1]!.startedAt - page2[0]!.startedAt).toBeGreaterThanOrEqual(990);
    expect(fake.stats.rateLimited).toBe(1);
  });

  it('fails the listing on a 500 mid-paging (not retried, no partial "last" page)', async () => {
    const fake = await startFake({ tenants: 250, licencesPerTenant: 0 });
    fake.inject({ route: 'partner.tenants', page: 2, action: { type: 'status', status: 500 } });
    const seen: TenantPage[] = [];
    await expect(
      (async () => {
        for await (const p of client(fake).tenantPages()) seen.push(p);
      })(),
    ).rejects.toMatchObject({ kind: 'transient', code: 'VENDOR_UNAVAILABLE' });
    expect(seen.map((p) => [p.page, p.last])).toEqual([[1, false]]);
  });

  it('skips and counts tenants without an apiHost', async () => {
    const fake = await startFake({ tenants: 120, licencesPerTenant: 0, tenantsWithoutApiHost: 3 });
    fake.state.dropApiHost(fake.state.tenants[5]!.id);
    const pages = await allPages(client(fake));
    expect(pages.reduce((n, p) => n + p.skipped, 0)).toBe(4);
    const ids = pages.flatMap((p) => p.tenants.map((t) => t.id));
    expect(ids).toHaveLength(116);
    expect(ids).not.toContain(fake.state.tenants[5]!.id);
  });

  it('fails when the tenant list changes while it is paged (offset paging would miss tenants)', async () => {
    const fake = await startFake({
      tenants: 150,
      licencesPerTenant: 0,
      onRequest: (req, f) => {
        if (req.route === 'partner.tenants' && req.page === 2) f.state.removeTenant(f.state.tenants[0]!.id);
      },
    });
    await expect(allPages(client(fake))).rejects.toMatchObject({
      code: 'SOPHOS_LISTING_CHANGED',
      kind: 'transient',
    });
  });

  it('keeps at most `concurrency` licence requests in flight', async () => {
    const fake = await startFake({ tenants: 40, licencesPerTenant: 2, latencyMs: 15 });
    const c = client(fake, 'partner', { concurrency: 3 });
    const ids = fake.state.tenants.map((t) => t.id);
    const all = await Promise.all(ids.map((id) => c.licences(id)));
    expect(all.flat()).toHaveLength(80);
    expect(fake.stats.maxInFlight).toBe(3);
    const headers = fake.stats.log.filter((e) => e.route === 'licenses').map((e) => e.tenantId);
    expect(new Set(headers)).toEqual(new Set(ids));
  });

  it('reports bad credentials as an auth error without leaking the secret', async () => {
    const fake = await startFake({ tenants: 1 });
    const c = new SophosClient({
      config: fakeSophosConfig(fake, 'partner', { clientSecret: 'wrong-secret-value' }),
      log: createLogger('silent'),
    });
    const err = await c.whoami().then(
      () => new Error('whoami should have failed'),
      (e: unknown) => e as Error,
    );
    expect(err).toMatchObject({ kind: 'auth', code: 'VENDOR_AUTH_FAILED' });
    expect(err.message).not.toContain('wrong-secret-value');
  });
});
