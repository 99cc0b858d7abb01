// Expiry, rate limiting and scripted faults (reliability-security.md §4), with plain fetch.

import { describe, expect, it } from 'vitest';
import { expectErrorBody, get, partnerHeaders, sleep, tokenFor, useFakes } from './test-client.js';
import type { SophosPage, SophosTenantWire } from './types.js';

const start = useFakes();

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
    const fake = await start({ tenants: 2, latencyMs: 200 });
    const token = await tokenFor(fake, fake.credentials.partner);
    fake.stats.reset();
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 6 }, () => get(fake.apiUrl, '/whoami/v1', token)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
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
