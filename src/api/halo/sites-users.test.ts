// /api/Site and /api/Users over the real app on both dialects.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import type { Db } from '../../db/transaction.js';
import { buildHaloTestApp, TEST_PERMISSIONS_HEADER } from './testing.js';

async function rowCount(db: Db, table: 'sites' | 'end_users'): Promise<number> {
  return Number(
    (
      await db
        .selectFrom(table)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

describeEachDialect('Halo /api/Site and /api/Users', (get) => {
  let app: FastifyInstance;
  let db: Db;
  let acme: { id: number; main_site_id: number };
  let beta: { id: number; main_site_id: number };
  beforeAll(async () => {
    db = get().db;
    app = await buildHaloTestApp(get());
    const r = await app.inject({
      method: 'POST',
      url: '/api/Client',
      payload: [{ name: 'Acme' }, { name: 'Beta', newclient_sitename: 'Beta HQ' }],
    });
    [acme, beta] = r.json();
  });
  afterAll(async () => {
    await app.close();
  });
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers });
  const getJson = async (url: string) => {
    const r = await app.inject({ method: 'GET', url });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };

  it('creates, partially updates, lists and deactivates sites', async () => {
    const r = await post('/api/site', [
      {
        client_id: acme.id,
        name: 'Warehouse',
        phonenumber: '+44 1',
        delivery_address: { line1: '1 Road', line3: 'Leeds', postcode: 'LS1' },
      },
    ]);
    expect(r.statusCode, r.body).toBe(201);
    const s = r.json();
    expect(s).toMatchObject({
      name: 'Warehouse',
      client_id: acme.id,
      client_name: 'Acme',
      clientsite_name: 'Acme/Warehouse',
      phonenumber: '+44 1',
    });
    expect(s.delivery_address).toEqual({
      line1: '1 Road',
      line2: null,
      line3: 'Leeds',
      line4: null,
      postcode: 'LS1',
    });

    const u = (await post('/api/Site', [{ id: s.id, timezone: 'Europe/London' }])).json();
    expect(u).toMatchObject({
      name: 'Warehouse',
      phonenumber: '+44 1',
      timezone: 'Europe/London',
      delivery_address: { line1: '1 Road' },
    });

    const list = await getJson(`/api/Site?client_id=${acme.id}`);
    expect(list.record_count).toBe(2);
    expect(list.sites.map((x: { name: string }) => x.name)).toEqual(['Main', 'Warehouse']);
    const paged = await getJson('/api/Site?pageinate=true&page_size=1&page_no=2&search=acme');
    expect(paged).toMatchObject({ page_no: 2, page_size: 1, record_count: 2 });

    const del = await app.inject({ method: 'DELETE', url: `/api/Site/${s.id}` });
    expect(del.json()).toMatchObject({ id: s.id, inactive: true });
    expect((await getJson(`/api/Site?client_id=${acme.id}`)).record_count).toBe(1);
    expect((await getJson(`/api/Site?client_id=${acme.id}&includeinactive=true`)).record_count).toBe(2);
  });

  it('refuses a site without a client, for an unknown client, or moved to another client', async () => {
    const before = await rowCount(db, 'sites');
    const noClient = await post('/api/Site', [{ name: 'Orphan' }]);
    expect(noClient.statusCode).toBe(400);
    expect(noClient.json().errors[0].field).toBe('[0].client_id');
    const unknown = await post('/api/Site', [{ name: 'Orphan', client_id: 987654 }]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('[0].client_id');
    const move = await post('/api/Site', [{ id: acme.main_site_id, client_id: beta.id }]);
    expect(move.statusCode).toBe(400);
    expect(await rowCount(db, 'sites')).toBe(before);
  });

  it('places users by site_id (client derived) or by client_id (main site)', async () => {
    const bySite = (
      await post('/api/Users', [
        { name: 'Ada Lovelace', site_id: beta.main_site_id, emailaddress: 'ada@beta.example' },
      ])
    ).json();
    expect(bySite).toMatchObject({
      client_id: beta.id,
      client_name: 'Beta',
      site_id: beta.main_site_id,
      site_name: 'Beta HQ',
      emailaddress: 'ada@beta.example',
    });
    const byClient = (
      await post('/api/Users', { firstname: 'Alan', surname: 'Turing', client_id: acme.id })
    ).json();
    expect(byClient).toMatchObject({ name: 'Alan Turing', client_id: acme.id, site_id: acme.main_site_id });

    const mismatch = await post('/api/Users', [
      { name: 'X', site_id: beta.main_site_id, client_id: acme.id },
    ]);
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().errors[0].field).toBe('[0].site_id');
    const nowhere = await post('/api/Users', [{ name: 'Nowhere' }]);
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().errors[0].field).toBe('[0].site_id');
  });

  it('updates users partially, moves them with their site, and finds them by e-mail', async () => {
    const u = (
      await post('/api/Users', [
        { name: 'Grace Hopper', client_id: acme.id, emailaddress: 'grace@acme.example', phonenumber: '123' },
      ])
    ).json();
    const moved = (await post('/api/Users', [{ id: u.id, site_id: beta.main_site_id }])).json();
    expect(moved).toMatchObject({
      id: u.id,
      name: 'Grace Hopper',
      client_id: beta.id,
      site_id: beta.main_site_id,
      phonenumber: '123',
    });
    const found = await getJson('/api/Users?search=GRACE@acme');
    expect(found.users.map((x: { id: number }) => x.id)).toEqual([u.id]);
    expect((await getJson(`/api/Users?client_id=${beta.id}&search=grace`)).record_count).toBe(1);
    expect((await getJson(`/api/Users?site_id=${acme.main_site_id}&search=grace`)).record_count).toBe(0);

    const del = await app.inject({ method: 'DELETE', url: `/api/Users/${u.id}` });
    expect(del.json()).toMatchObject({ inactive: true });
    expect((await getJson('/api/Users?search=grace')).record_count).toBe(0);
    expect((await getJson('/api/Users?search=grace&includeinactive=true')).record_count).toBe(1);
  });

  it('rolls back a user batch when one element fails and names it', async () => {
    const before = await rowCount(db, 'end_users');
    const r = await post('/api/Users', [
      { name: 'One', client_id: acme.id },
      { name: 'Two', site_id: 55555 },
    ]);
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([{ field: '[1].site_id', message: expect.stringContaining('55555') }]);
    expect(await rowCount(db, 'end_users')).toBe(before);
    const unknownId = await post('/api/Users', [{ id: 77777, name: 'Ghost' }]);
    expect(unknownId.statusCode).toBe(404);
    expect(unknownId.json().errors[0].field).toBe('[0].id');
  });

  it('guards sites and users with the customers permissions', async () => {
    const before = await rowCount(db, 'end_users');
    const r = await post('/api/Users', [{ name: 'Sneaky', client_id: acme.id }], {
      [TEST_PERMISSIONS_HEADER]: 'customers:read,tickets:edit',
    });
    expect(r.statusCode).toBe(403);
    expect(await rowCount(db, 'end_users')).toBe(before);
    const s = await app.inject({
      method: 'GET',
      url: '/api/Site',
      headers: { [TEST_PERMISSIONS_HEADER]: 'agents:edit' },
    });
    expect(s.statusCode).toBe(403);
  });
});
