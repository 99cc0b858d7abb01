// The client against a real local HTTP server (node:http), not a mocked fetch.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpClient } from './http-client.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;
let handler: Handler = (_q, res) => res.end('{}');
let server: http.Server;
let base = '';
const hits: { path: string; at: number; auth: string | undefined }[] = [];
let active = 0;
let maxActive = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', at: Date.now(), auth: req.headers.authorization });
      active++;
      maxActive = Math.max(maxActive, active);
      res.on('close', () => active--);
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => {
  hits.length = 0;
  maxActive = 0;
});

const json = (
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/** A token endpoint issuing tok-1, tok-2, … and a resource accepting only tokens in `valid`. */
function oauthServer(opts: { expiresIn?: number; valid?: (token: string) => boolean } = {}) {
  let n = 0;
  handler = (req, res, body) => {
    if (req.url === '/token') {
      const form = new URLSearchParams(body);
      if (form.get('client_secret') !== 'the-secret')
        return json(res, 401, { errorCode: 'oauth.invalid_client_secret' });
      n++;
      return json(res, 200, {
        access_token: `tok-${n}`,
        expires_in: opts.expiresIn ?? 3600,
        token_type: 'bearer',
      });
    }
    const token = (req.headers.authorization ?? '').replace('Bearer ', '');
    if (!(opts.valid ?? (() => true))(token)) return json(res, 401, { error: 'Unauthorized' });
    json(res, 200, { token });
  };
}

const client = (extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) =>
  new HttpClient({
    baseUrl: base,
    auth: { tokenUrl: `${base}/token`, clientId: 'id', clientSecret: 'the-secret' },
    ...extra,
  });
const Body = z.object({ token: z.string() });

describe('HttpClient against a local server', () => {
  it('caches the token across requests and refreshes it before expiry', async () => {
    oauthServer({ expiresIn: 1 });
    const c = client();
    expect(await c.getJson('/r', Body)).toEqual({ token: 'tok-1' });
    expect(await c.getJson('/r', Body)).toEqual({ token: 'tok-1' });
    expect(c.tokens?.fetched).toBe(1);
    await new Promise((r) => setTimeout(r, 600)); // past expiry minus the (halved) margin
    expect(await c.getJson('/r', Body)).toEqual({ token: 'tok-2' });
  });

  it('on a 401 refreshes the token once and retries the same request', async () => {
    oauthServer({ valid: (t) => t !== 'tok-1' }); // tok-1 was revoked server-side
    const c = client();
    expect(await c.getJson('/r?page=3', Body)).toEqual({ token: 'tok-2' });
    expect(hits.filter((h) => h.path === '/r?page=3').map((h) => h.auth)).toEqual([
      'Bearer tok-1',
      'Bearer tok-2',
    ]);
  });

  it('gives up with an auth error after one refresh when 401 persists', async () => {
    oauthServer({ valid: () => false });
    await expect(client().getJson('/r', Body)).rejects.toMatchObject({
      kind: 'auth',
      code: 'VENDOR_UNAUTHORIZED',
    });
    expect(hits.filter((h) => h.path === '/r')).toHaveLength(2);
  });

  it('reports bad client credentials as auth without leaking the secret', async () => {
    oauthServer();
    const c = new HttpClient({
      baseUrl: base,
      auth: { tokenUrl: `${base}/token`, clientId: 'id', clientSecret: 'wrong-secret' },
    });
    const e = await c.getJson('/r', Body).catch((x: unknown) => x as Error);
    expect(e).toMatchObject({ kind: 'auth', code: 'VENDOR_AUTH_FAILED' });
    expect(String((e as Error).message)).not.toContain('wrong-secret');
  });

  it('honours Retry-After in seconds', async () => {
    let first = true;
    handler = (_q, res) =>
      first ? ((first = false), json(res, 429, {}, { 'retry-after': '1' })) : json(res, 200, { token: 'x' });
    const t0 = Date.now();
    await new HttpClient({ baseUrl: base }).getJson('/r', Body);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(hits).toHaveLength(2);
  });

  it('honours Retry-After as an HTTP date', async () => {
    let first = true;
    handler = (_q, res) =>
      first
        ? ((first = false), json(res, 503, {}, { 'retry-after': new Date(Date.now() + 2000).toUTCString() }))
        : json(res, 200, { token: 'x' });
    const t0 = Date.now();
    await new HttpClient({ baseUrl: base }).getJson('/r', Body);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900); // second precision: at least 1 s of the 2 s remain
  });

  it('backs off exponentially without Retry-After, capped, and stops at the attempt limit', async () => {
    handler = (_q, res) => json(res, 503, {});
    const c = new HttpClient({
      baseUrl: base,
      random: () => 1,
      retry: { baseDelayMs: 50, maxDelayMs: 120, maxAttempts: 5 },
    });
    await expect(c.getJson('/r', Body)).rejects.toMatchObject({
      kind: 'transient',
      code: 'VENDOR_UNAVAILABLE',
    });
    const gaps = hits.slice(1).map((h, i) => h.at - (hits[i]?.at ?? 0));
    expect(hits).toHaveLength(5);
    expect(gaps[0]).toBeGreaterThanOrEqual(45); // 50
    expect(gaps[1]).toBeGreaterThanOrEqual(95); // 100
    for (const g of gaps.slice(2)) expect(g).toBeLessThan(120 + 80); // capped at 120
  });

  it('does not sleep past the retry budget: a long Retry-After fails fast as rate_limited', async () => {
    handler = (_q, res) => json(res, 429, {}, { 'retry-after': '100' });
    const t0 = Date.now();
    await expect(
      new HttpClient({ baseUrl: base, retry: { budgetMs: 5000 } }).getJson('/r', Body),
    ).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterSeconds: 100,
    });
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    handler = (_q, res) => setTimeout(() => json(res, 200, { token: 'x' }), 60);
    const c = new HttpClient({ baseUrl: base, concurrency: 3 });
    await Promise.all(Array.from({ length: 10 }, () => c.getJson('/r', Body)));
    expect(hits).toHaveLength(10);
    expect(maxActive).toBe(3);
  });

  it('times out a hanging request as transient', async () => {
    handler = (_q, res) => setTimeout(() => json(res, 200, { token: 'late' }), 1500);
    const c = new HttpClient({ baseUrl: base, timeoutMs: 150, retry: { maxAttempts: 1 } });
    await expect(c.getJson('/r', Body)).rejects.toMatchObject({ kind: 'transient', code: 'VENDOR_TIMEOUT' });
  });

  it('stops waiting when the run is aborted', async () => {
    handler = (_q, res) => json(res, 429, {}, { 'retry-after': '30' });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    await expect(
      new HttpClient({ baseUrl: base, signal: ac.signal }).getJson('/r', Body),
    ).rejects.toMatchObject({ code: 'RUN_ABORTED' });
  });

  it("a 429 with Retry-After holds back the client's other requests too, not just the refused one", async () => {
    let refused = false;
    handler = (q, res) => {
      if (q.url === '/first' && !refused)
        return ((refused = true), json(res, 429, {}, { 'retry-after': '1' }));
      json(res, 200, { token: 'x' });
    };
    const c = new HttpClient({ baseUrl: base, concurrency: 2 });
    const first = c.getJson('/first', Body);
    await new Promise((r) => setTimeout(r, 100)); // the 429 has arrived
    await Promise.all([first, c.getJson('/second', Body)]);
    const second = hits.find((h) => h.path === '/second')!;
    const initial = hits.find((h) => h.path === '/first')!;
    expect(second.at - initial.at).toBeGreaterThanOrEqual(950);
    expect(hits.filter((h) => h.path === '/first')).toHaveLength(2);
  });

  it('maps other 4xx to vendor errors and bad shapes to vendor errors', async () => {
    handler = (q, res) => (q.url === '/missing' ? json(res, 404, {}) : json(res, 200, { nope: 1 }));
    const c = new HttpClient({ baseUrl: base });
    await expect(c.getJson('/missing', Body)).rejects.toMatchObject({ kind: 'vendor', code: 'VENDOR_ERROR' });
    await expect(c.getJson('/shape', Body)).rejects.toMatchObject({
      kind: 'vendor',
      code: 'VENDOR_BAD_RESPONSE',
    });
  });
});
