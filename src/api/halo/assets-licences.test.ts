import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDialect } from '../../db/testing.js';
import { seedFixture, testCtx, type Fixture } from '../../core/tickets/testing.js';
import { upsertAsset } from '../../core/assets/save-asset.js';
import { upsertLicence } from '../../core/licences/save-licence.js';
import { buildHaloTestApp, TEST_PERMISSIONS_HEADER } from './testing.js';

describeEachDialect('Halo /api/Asset, /api/AssetType and /api/SoftwareLicence', (get) => {
  let app: FastifyInstance;
  let f: Fixture;
  beforeAll(async () => {
    app = await buildHaloTestApp(get());
    f = await seedFixture(get().db);
  });
  afterAll(async () => {
    await app.close();
  });
  const post = (url: string, payload: unknown, perms?: string) =>
    app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      ...(perms ? { headers: { [TEST_PERMISSIONS_HEADER]: perms } } : {}),
    });
  const getJson = async (url: string, perms?: string) => {
    const r = await app.inject({
      method: 'GET',
      url,
      ...(perms ? { headers: { [TEST_PERMISSIONS_HEADER]: perms } } : {}),
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const rows = async (table: 'assets' | 'licences') =>
    Number(
      (
        await get()
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('AssetType is a bare array needing assets:read', async () => {
    const types = await getJson('/api/AssetType', 'assets:read');
    expect(types.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['Workstation', 'Server', 'Laptop', 'Firewall']),
    );
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/AssetType',
          headers: { [TEST_PERMISSIONS_HEADER]: 'tickets:read' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('creates assets (client implied by site/user), filters, searches tag and serial, pages, and deactivates on DELETE', async () => {
    const created = await post('/api/Asset', [
      {
        inventory_number: 'WS-0001',
        serial: 'SN-AAA-1',
        assettype_id: 1,
        user_id: f.userA1,
        fields: [{ name: 'OS', value: 'Windows 11' }],
      },
      { inventory_number: 'SRV-0001', key_field2: 'SN-BBB-2', assettype_id: 2, site_id: f.siteA2 },
      { inventory_number: 'FW-0001', serial: 'SN-CCC-3', assettype_id: 4, client_id: f.customerB },
    ]);
    expect(created.statusCode, created.body).toBe(201);
    const [ws, srv, fw] = created.json();
    expect(ws).toMatchObject({
      client_id: f.customerA,
      site_id: f.siteA1,
      user_id: f.userA1,
      assettype_name: 'Workstation',
      key_field: 'WS-0001',
      fields: [{ id: 1, name: 'OS', value: 'Windows 11' }],
    });
    expect(srv).toMatchObject({ client_id: f.customerA, site_id: f.siteA2, serial: 'SN-BBB-2' });
    const byClient = await getJson(`/api/Asset?client_id=${f.customerA}`);
    expect(byClient).toMatchObject({ record_count: 2 });
    expect(byClient.assets.map((a: { id: number }) => a.id)).toEqual([ws.id, srv.id]);
    expect((await getJson(`/api/Asset?assettype_id=4`)).assets.map((a: { id: number }) => a.id)).toEqual([
      fw.id,
    ]);
    expect((await getJson(`/api/Asset?site_id=${f.siteA2}`)).assets.map((a: { id: number }) => a.id)).toEqual(
      [srv.id],
    );
    expect((await getJson(`/api/Asset?user_id=${f.userA1}`)).assets.map((a: { id: number }) => a.id)).toEqual(
      [ws.id],
    );
    expect((await getJson('/api/Asset?search=sn-ccc')).assets.map((a: { id: number }) => a.id)).toEqual([
      fw.id,
    ]);
    expect((await getJson('/api/Asset?search=SRV-')).assets.map((a: { id: number }) => a.id)).toEqual([
      srv.id,
    ]);
    const page2 = await getJson('/api/Asset?pageinate=true&page_size=2&page_no=2');
    expect(page2).toMatchObject({ page_no: 2, page_size: 2, record_count: 3 });
    expect(page2.assets.map((a: { id: number }) => a.id)).toEqual([fw.id]);
    expect((await app.inject({ method: 'DELETE', url: `/api/Asset/${fw.id}` })).json()).toMatchObject({
      id: fw.id,
      inactive: true,
    });
    expect((await getJson('/api/Asset')).record_count).toBe(2);
    expect((await getJson('/api/Asset?includeinactive=true')).record_count).toBe(3);
  });

  it('asset errors name the field and write nothing; 403 without assets:edit', async () => {
    const before = await rows('assets');
    const r = await post('/api/Asset', [
      { inventory_number: 'OK', assettype_id: 1, client_id: f.customerA },
      { inventory_number: 7, assettype_id: 'x' },
    ]);
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['[1].inventory_number', '[1].assettype_id']),
    );
    const noClient = await post('/api/Asset', [{ inventory_number: 'OK', assettype_id: 1 }]);
    expect(noClient.json().errors[0].field).toBe('[0].client_id');
    const mismatch = await post('/api/Asset', [
      { assettype_id: 1, site_id: f.siteB1, client_id: f.customerA },
    ]);
    expect(mismatch.json().errors[0].field).toBe('[0].client_id');
    expect(
      (await post('/api/Asset', [{ assettype_id: 1, client_id: f.customerA }], 'assets:read')).statusCode,
    ).toBe(403);
    expect(await rows('assets')).toBe(before);
  });

  it('licences: create, list with the `licences` wrapper and filters, errors, soft delete', async () => {
    const r = await post('/api/SoftwareLicence', [
      {
        name: 'Microsoft 365 Business Premium',
        vendor: 'Microsoft',
        product_sku: 'O365_BUSINESS_PREMIUM',
        count: 25,
        licences_in_use: 21,
        client_id: f.customerA,
        type: 'subscription',
        start_date: '2026-01-01',
        end_date: '2027-01-01',
      },
      {
        name: 'Sophos Intercept X',
        manufacturer: 'Sophos',
        vendor_product_sku: 'IX-ADV',
        count: 10,
        licences_in_use: 3,
        site_id: f.siteB1,
        type: 1,
      },
    ]);
    expect(r.statusCode, r.body).toBe(201);
    const [m365, sophos] = r.json();
    expect(m365).toMatchObject({
      count: 25,
      licences_in_use: 21,
      licences_available: 4,
      client_name: expect.stringContaining('Contoso'),
      product_sku: 'O365_BUSINESS_PREMIUM',
      is_active: true,
      deleted: false,
      status: 'active',
    });
    expect(sophos).toMatchObject({
      vendor: 'Sophos',
      product_sku: 'IX-ADV',
      client_id: f.customerB,
      site_id: f.siteB1,
      type: '1',
    });
    const list = await getJson('/api/SoftwareLicence');
    expect(list).toMatchObject({ record_count: 2, licences: [{ id: m365.id }, { id: sophos.id }] });
    expect(
      (await getJson(`/api/SoftwareLicence?client_id=${f.customerB}`)).licences.map(
        (l: { id: number }) => l.id,
      ),
    ).toEqual([sophos.id]);
    expect(
      (await getJson('/api/SoftwareLicence?search=premium')).licences.map((l: { id: number }) => l.id),
    ).toEqual([m365.id]);
    expect(
      (await getJson('/api/SoftwareLicence?pageinate=true&page_size=1&page_no=2')).licences.map(
        (l: { id: number }) => l.id,
      ),
    ).toEqual([sophos.id]);
    const bad = await post('/api/SoftwareLicence', [{ name: 'x', client_id: f.customerA, count: 'many' }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('[0].count');
    const badStatus = await post('/api/SoftwareLicence', [{ id: m365.id, status: 'weird' }]);
    expect(badStatus.json().errors[0].field).toBe('[0].status');
    expect(
      (await post('/api/SoftwareLicence', [{ name: 'x', client_id: f.customerA }], 'assets:edit')).statusCode,
    ).toBe(403);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/SoftwareLicence',
          headers: { [TEST_PERMISSIONS_HEADER]: 'assets:read' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/SoftwareLicence/${sophos.id}` })).json(),
    ).toMatchObject({ deleted: true, is_active: false });
    expect((await getJson('/api/SoftwareLicence')).record_count).toBe(1);
    expect(await rows('licences')).toBe(2);
  });

  it('upserts report created / updated / unchanged for connectors', async () => {
    const ctx = testCtx(get().db);
    const a = await upsertLicence(ctx, undefined, {
      name: 'Sophos MDR',
      client_id: f.customerA,
      count: 5,
      licences_in_use: 5,
      vendor: 'Sophos',
    });
    expect(a.outcome).toBe('created');
    expect(
      (await upsertLicence(ctx, a.licence.id, { name: 'Sophos MDR', count: 5, vendor: 'Sophos' })).outcome,
    ).toBe('unchanged');
    const changed = await upsertLicence(ctx, a.licence.id, { count: 6 });
    expect(changed).toMatchObject({ outcome: 'updated', licence: { count: 6, licences_available: 1 } });
    const asset = await upsertAsset(ctx, undefined, {
      inventory_number: 'LT-9',
      assettype_id: 3,
      user_id: f.userB1,
    });
    expect(asset.outcome).toBe('created');
    expect(
      (await upsertAsset(ctx, asset.asset.id, { inventory_number: 'LT-9', user_id: f.userB1 })).outcome,
    ).toBe('unchanged');
    expect((await upsertAsset(ctx, asset.asset.id, { serial: 'NEW' })).outcome).toBe('updated');
  });
});
