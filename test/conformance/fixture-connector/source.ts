// A small HTTP source for the fixture connector: OAuth2 client credentials, page-numbered lists of tenants
// and licences, and the faults the conformance suite needs (fail after N pages, slow pages, empty, mutate).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConformanceSource } from '../run-conformance.js';

export interface FixtureTenant {
  id: string;
  name: string;
}
export interface FixtureLicence {
  id: string;
  tenantId: string;
  product: string;
  quantity: number;
}

export const FIXTURE_CLIENT_ID = 'fixture-client';
export const FIXTURE_SECRET = 'fixture-secret-value-0001';

function seed(): { tenants: FixtureTenant[]; licences: FixtureLicence[] } {
  const tenants = Array.from({ length: 7 }, (_, i) => ({ id: `t-${i + 1}`, name: `Tenant ${i + 1}` }));
  const licences = tenants.flatMap((t, i) => [
    { id: `l-${t.id}-a`, tenantId: t.id, product: 'Endpoint', quantity: 10 + i },
    { id: `l-${t.id}-b`, tenantId: t.id, product: 'Server', quantity: 2 },
  ]);
  return { tenants, licences };
}

export class FixtureSource implements ConformanceSource {
  data = seed();
  private server: http.Server | undefined;
  private failAfter: number | null = null;
  private delay = 0;
  private pagesServed = 0;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
  reset(): void {
    this.data = seed();
    this.failAfter = null;
    this.delay = 0;
  }
  makeEmpty(): void {
    this.data = { tenants: [], licences: [] };
  }
  failAfterPages(n: number | null): void {
    this.failAfter = n;
    this.pagesServed = 0;
  }
  delayPages(ms: number): void {
    this.delay = ms;
  }
  mutate(): void {
    const t = this.data.tenants[0];
    if (t) t.name = `${t.name} (renamed)`;
    const l = this.data.licences[0];
    if (l) l.quantity += 5;
    const gone = this.data.tenants.pop();
    this.data.licences = this.data.licences.filter((x) => x.tenantId !== gone?.id);
  }
  pageRequests(): number {
    return this.pagesServed;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/token') {
      let body = '';
      for await (const c of req) body += String(c);
      const f = new URLSearchParams(body);
      if (f.get('client_id') !== FIXTURE_CLIENT_ID || f.get('client_secret') !== FIXTURE_SECRET)
        return send(401, { error: 'invalid_client' });
      return send(200, { access_token: `tok-${Date.now()}`, expires_in: 3600 });
    }
    if (!(req.headers.authorization ?? '').startsWith('Bearer tok-'))
      return send(401, { error: 'Unauthorized' });
    const list =
      url.pathname === '/tenants'
        ? this.data.tenants
        : url.pathname === '/licences'
          ? this.data.licences
          : undefined;
    if (!list) return send(404, { error: 'not found' });
    if (this.failAfter !== null && this.pagesServed >= this.failAfter)
      return send(500, { error: 'injected failure' });
    this.pagesServed++;
    if (this.delay) await new Promise((r) => setTimeout(r, this.delay));
    const page = Number(url.searchParams.get('page') ?? '1');
    const size = Number(url.searchParams.get('pageSize') ?? '3');
    const items = list.slice((page - 1) * size, page * size);
    send(200, {
      items,
      pages: { current: page, total: Math.max(1, Math.ceil(list.length / size)), items: list.length },
    });
  }
}
