// /api/Client over the real app on both dialects: paging, search, order, activity, batch POST semantics,
// error shapes, case-insensitive paths and permissions.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import type { Db } from '../../db/transaction.js';
import { buildHaloTestApp, TEST_PERMISSIONS_HEADER } from './testing.js';

async function rowCount(db: Db, table: 'customers' | 'sites' | 'end_users'): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describeEachDialect('Halo /api/Client', (get) => {
  let app: FastifyInstance;
  let db: Db;
  beforeAll(async () => {
    db = get().db;
    app = await buildHaloTestApp(get(), { bodyLimitBytes: 64 * 1024 });
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(async () => {
    await db.deleteFrom('end_users').execute();
    await db.updateTable('customers').set({ main_site_id: null }).execute();
    await db.deleteFrom('sites').execute();
    await db.deleteFrom('customers').execute();
    await db.deleteFrom('top_levels').execute();
  });

  const post = (payload: unknown, url = '/api/Client', headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers });
  const getJson = async (url: string) => {
    const r = await app.inject({ method: 'GET', url });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  async function seed(n: number, prefix = 'Customer'): Promise<void> {
    const items = Array.from({ length: n }, (_, i) => ({
      name: `${prefix} ${String(i + 1).padStart(3, '0')}`,
    }));
    const r = await post(items);
    expect(r.statusCode, r.body).toBe(201);
  }

  it('creates a client with a Main site, or the site named by newclient_sitename', async () => {
    const r = await post([
      { name: 'Acme', website: 'https://acme.example', is_vip: true, _novalidate: true, unknown_field: 'x' },
    ]);
    expect(r.statusCode).toBe(201);
    const c = r.json();
    expect(c).toMatchObject({
      name: 'Acme',
      website: 'https://acme.example',
      is_vip: true,
      inactive: false,
      main_site_name: 'Main',
    });
    expect(c.id).toBeGreaterThan(0);
    expect(c.main_site_id).toBeGreaterThan(0);
    const r2 = await post({ name: 'Beta', newclient_sitename: 'Head Office' });
    expect(r2.statusCode).toBe(201);
    expect(r2.json()).toMatchObject({ name: 'Beta', main_site_name: 'Head Office' });
    expect(await rowCount(db, 'sites')).toBe(2);
    const site = await getJson(`/api/Site/${r2.json().main_site_id}`);
    expect(site).toMatchObject({
      client_id: r2.json().id,
      client_name: 'Beta',
      name: 'Head Office',
      clientsite_name: 'Beta/Head Office',
    });
  });

  it('returns the wrapper with record_count, echoing page_no and the clamped page_size', async () => {
    await seed(12);
    const p1 = await getJson('/api/Client?pageinate=true&page_size=5&page_no=1');
    expect(p1).toMatchObject({ page_no: 1, page_size: 5, record_count: 12 });
    expect(p1.clients.map((c: { name: string }) => c.name)).toEqual([
      'Customer 001',
      'Customer 002',
      'Customer 003',
      'Customer 004',
      'Customer 005',
    ]);
    const p3 = await getJson('/api/Client?pageinate=true&page_size=5&page_no=3');
    expect(p3).toMatchObject({ page_no: 3, page_size: 5, record_count: 12 });
    expect(p3.clients).toHaveLength(2);
    const past = await getJson('/api/Client?pageinate=true&page_size=5&page_no=4');
    expect(past).toMatchObject({ page_no: 4, page_size: 5, record_count: 0, clients: [] });
    const big = await getJson('/api/Client?pageinate=true&page_size=5000');
    expect(big).toMatchObject({ page_no: 1, page_size: 1000, record_count: 12 });
    expect(big.clients).toHaveLength(12);
  });

  it('walks every page the way the PowerShell module does and sees each client once', async () => {
    await seed(23);
    const seen: number[] = [];
    for (let page = 1; ; page++) {
      const body = await getJson(`/api/client?search=customer&pageinate=true&page_size=10&page_no=${page}`);
      seen.push(...body.clients.map((c: { id: number }) => c.id));
      if (page >= Math.ceil(body.record_count / 10)) break;
    }
    expect(new Set(seen).size).toBe(23);
  });

  it('still wraps without pageinate, ignores page_size there, and limits with count', async () => {
    await seed(8);
    const all = await getJson('/api/Client?page_size=2');
    expect(all.record_count).toBe(8);
    expect(all.clients).toHaveLength(8);
    expect(all.page_no).toBeUndefined();
    const limited = await getJson('/api/Client?count=3');
    expect(limited.clients).toHaveLength(3);
    expect(limited.record_count).toBe(8);
  });

  it('searches case-insensitively with % and _ taken literally', async () => {
    await post([
      { name: '100% Uptime Ltd' },
      { name: '100 Percent' },
      { name: 'snake_case IT' },
      { name: 'snakeXcase IT' },
      { name: 'ACME' },
    ]);
    const pct = await getJson('/api/Client?search=%25');
    expect(pct.clients.map((c: { name: string }) => c.name)).toEqual(['100% Uptime Ltd']);
    const us = await getJson('/api/Client?search=_');
    expect(us.clients.map((c: { name: string }) => c.name)).toEqual(['snake_case IT']);
    const ci = await getJson('/api/Client?search=acm');
    expect(ci.record_count).toBe(1);
  });

  it('orders by whitelisted fields and rejects others naming the parameter', async () => {
    await post([{ name: 'Bravo' }, { name: 'Alpha' }, { name: 'Charlie' }]);
    const desc = await getJson('/api/Client?order=name&orderdesc=true');
    expect(desc.clients.map((c: { name: string }) => c.name)).toEqual(['Charlie', 'Bravo', 'Alpha']);
    const byId = await getJson('/api/Client?order=id');
    expect(byId.clients.map((c: { name: string }) => c.name)).toEqual(['Bravo', 'Alpha', 'Charlie']);
    const bad = await app.inject({ method: 'GET', url: '/api/Client?order=name&order2=password_hash' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('order2');
    const badBool = await app.inject({ method: 'GET', url: '/api/Client?pageinate=perhaps' });
    expect(badBool.statusCode).toBe(400);
    expect(badBool.json().Message).toContain('pageinate');
  });

  it('hides inactive clients unless includeinactive, and DELETE only deactivates', async () => {
    const [a] = (await post([{ name: 'Keep' }, { name: 'Gone' }])).json() as { id: number; name: string }[];
    const gone = (await getJson('/api/Client?search=gone')).clients[0];
    const del = await app.inject({ method: 'DELETE', url: `/api/Client/${gone.id}` });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toMatchObject({ id: gone.id, inactive: true });
    expect(await rowCount(db, 'customers')).toBe(2);
    expect((await getJson('/api/Client')).clients.map((c: { name: string }) => c.name)).toEqual(['Keep']);
    expect((await getJson('/api/Client?includeinactive=true')).record_count).toBe(2);
    expect(
      (await getJson('/api/Client?includeactive=false&includeinactive=true')).clients.map(
        (c: { name: string }) => c.name,
      ),
    ).toEqual(['Gone']);
    expect(a?.name).toBe('Keep');
    expect((await getJson(`/api/Client/${gone.id}`)).inactive).toBe(true);
  });

  it('updates partially: absent fields keep their values', async () => {
    const c = (
      await post([{ name: 'Partial', website: 'https://p.example', notes: 'n1', is_vip: true }])
    ).json();
    const r = await post([{ id: c.id, notes: 'n2' }]);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      id: c.id,
      name: 'Partial',
      website: 'https://p.example',
      notes: 'n2',
      is_vip: true,
    });
    const cleared = (await post([{ id: c.id, website: null }])).json();
    expect(cleared).toMatchObject({ website: null, notes: 'n2' });
  });

  it('writes a mixed batch in one transaction: one bad element writes nothing', async () => {
    const existing = (await post([{ name: 'Existing' }])).json();
    const before = { customers: await rowCount(db, 'customers'), sites: await rowCount(db, 'sites') };
    const r = await post([
      { name: 'New One' },
      { id: existing.id, name: 'Renamed' },
      { id: 999999, name: 'Ghost' },
    ]);
    expect(r.statusCode).toBe(404);
    expect(r.json().errors).toEqual([{ field: '[2].id', message: expect.stringContaining('999999') }]);
    expect(await rowCount(db, 'customers')).toBe(before.customers);
    expect(await rowCount(db, 'sites')).toBe(before.sites);
    expect((await getJson(`/api/Client/${existing.id}`)).name).toBe('Existing');

    const ok = await post([{ name: 'New One' }, { id: existing.id, name: 'Renamed' }]);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toHaveLength(2);
    expect(ok.json()[1]).toMatchObject({ id: existing.id, name: 'Renamed' });
  });

  it('rejects bad bodies naming the field, writing nothing', async () => {
    const before = await rowCount(db, 'customers');
    const cases: { payload: string; status: number; field: string }[] = [
      { payload: '[{"name": "x"', status: 400, field: 'body' },
      { payload: '"just a string"', status: 400, field: 'body' },
      { payload: '[]', status: 400, field: 'body' },
      { payload: '[{"name":"ok"}, 5]', status: 400, field: '[1]' },
      { payload: '[{"name":"ok"}, {"name": 42}]', status: 400, field: '[1].name' },
      { payload: '[{"name":"ok"}, {"name":"x","is_vip":"very"}]', status: 400, field: '[1].is_vip' },
      { payload: '[{"name":"x","toplevel_id":"abc"}]', status: 400, field: '[0].toplevel_id' },
      { payload: '[{"name":"ok"}, {"name":"  "}]', status: 400, field: '[1].name' },
      { payload: '[{"name":"x","toplevel_id":424242}]', status: 400, field: '[0].toplevel_id' },
      { payload: '[{"id": -3, "name":"x"}]', status: 400, field: '[0].id' },
    ];
    for (const c of cases) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/Client',
        payload: c.payload,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
      expect(r.statusCode, `${c.payload} → ${r.body}`).toBe(c.status);
      const body = r.json();
      expect(body.ClassName).toBeTypeOf('string');
      expect(
        body.errors.map((e: { field: string }) => e.field),
        c.payload,
      ).toContain(c.field);
    }
    expect(await rowCount(db, 'customers')).toBe(before);
  });

  it('answers 413 for an oversize body, writing nothing', async () => {
    const items = Array.from({ length: 2000 }, (_, i) => ({ name: `Big ${i}`, notes: 'x'.repeat(40) }));
    const r = await post(items);
    expect(r.statusCode).toBe(413);
    expect(r.json().errors[0].field).toBe('body');
    expect(await rowCount(db, 'customers')).toBe(0);
  });

  it('matches paths case-insensitively', async () => {
    const c = (await post([{ name: 'Case' }], '/api/CLIENT')).json();
    expect((await getJson('/api/client')).record_count).toBe(1);
    expect((await getJson(`/api/CLIENT/${c.id}`)).name).toBe('Case');
    expect((await getJson('/API/Client?PAGEINATE=true')).clients).toHaveLength(1);
  });

  it('answers 404 naming the id for a missing client', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/Client/4242' });
    expect(r.statusCode).toBe(404);
    expect(r.json().Message).toContain('4242');
    const d = await app.inject({ method: 'DELETE', url: '/api/Client/4242' });
    expect(d.statusCode).toBe(404);
    const bad = await app.inject({ method: 'GET', url: '/api/Client/abc' });
    expect(bad.statusCode).toBe(400);
  });

  it('filters by toplevel_id and joins toplevel_name', async () => {
    const tl = (await post([{ name: 'Managed' }], '/api/TopLevel')).json();
    await post([{ name: 'In', toplevel_id: tl.id }, { name: 'Out' }]);
    const body = await getJson(`/api/Client?toplevel_id=${tl.id}`);
    expect(body.clients).toEqual([
      expect.objectContaining({ name: 'In', toplevel_id: tl.id, toplevel_name: 'Managed' }),
    ]);
    expect((await getJson('/api/Client?idonly=true')).clients).toEqual([
      { id: expect.any(Number) },
      { id: expect.any(Number) },
    ]);
  });

  it('needs customers:read to read and customers:edit to write; 403 writes nothing', async () => {
    const readOnly = { [TEST_PERMISSIONS_HEADER]: 'customers:read' };
    const r = await post([{ name: 'Nope' }], '/api/Client', readOnly);
    expect(r.statusCode).toBe(403);
    expect(await rowCount(db, 'customers')).toBe(0);
    const list = await app.inject({ method: 'GET', url: '/api/Client', headers: readOnly });
    expect(list.statusCode).toBe(200);
    const none = await app.inject({
      method: 'GET',
      url: '/api/Client',
      headers: { [TEST_PERMISSIONS_HEADER]: 'tickets:edit' },
    });
    expect(none.statusCode).toBe(403);
    const c = (await post([{ name: 'Mine' }])).json();
    const del = await app.inject({ method: 'DELETE', url: `/api/Client/${c.id}`, headers: readOnly });
    expect(del.statusCode).toBe(403);
    expect((await getJson(`/api/Client/${c.id}`)).inactive).toBe(false);
  });
});
