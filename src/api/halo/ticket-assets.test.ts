// Tickets name assets (`assets: [{id}]`, halo-api.md §3.6; the Datto RMM alert function sends them). Found
// missing by test/compat/datto-rmm-alerts.int.test.ts: the field used to be dropped silently.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDialect } from '../../db/testing.js';
import { seedFixture, type Fixture } from '../../core/tickets/testing.js';
import { buildHaloTestApp } from './testing.js';

type Ticket = { id: number; assets: { id: number; inventory_number: string | null }[] };

describeEachDialect('Halo /api/Tickets assets', (get) => {
  let app: FastifyInstance;
  let f: Fixture;
  let pcA: number;
  let srvA: number;
  let pcB: number;
  beforeAll(async () => {
    app = await buildHaloTestApp(get());
    f = await seedFixture(get().db);
    const res = await app.inject({
      method: 'POST',
      url: '/api/Asset',
      payload: [
        { inventory_number: 'A-PC', client_id: f.customerA, assettype_id: 1 },
        { inventory_number: 'A-SRV', client_id: f.customerA, assettype_id: 2 },
        { inventory_number: 'B-PC', client_id: f.customerB, assettype_id: 1 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    [pcA, srvA, pcB] = (res.json() as { id: number }[]).map((a) => a.id) as [number, number, number];
  });
  afterAll(async () => {
    await app.close();
  });
  const post = (payload: unknown) =>
    app.inject({ method: 'POST', url: '/api/Tickets', payload: payload as object });

  it('links assets on create and shows them on GET; update replaces or clears them; other fields keep them', async () => {
    const created = await post([{ summary: 'disk full', site_id: f.siteA1, assets: [{ id: pcA }] }]);
    expect(created.statusCode, created.body).toBe(201);
    const t = created.json() as Ticket;
    expect(t.assets).toEqual([expect.objectContaining({ id: pcA, inventory_number: 'A-PC' })]);
    expect(
      ((await app.inject({ url: `/api/Tickets/${t.id}` })).json() as Ticket).assets.map((a) => a.id),
    ).toEqual([pcA]);

    const kept = (await post([{ id: t.id, summary: 'disk still full' }])).json() as Ticket;
    expect(kept.assets.map((a) => a.id)).toEqual([pcA]);
    const replaced = (
      await post([{ id: t.id, assets: [{ id: srvA }, { id: pcA }, { id: srvA }] }])
    ).json() as Ticket;
    expect(replaced.assets.map((a) => a.id).sort()).toEqual([pcA, srvA].sort());
    const cleared = (await post([{ id: t.id, assets: [] }])).json() as Ticket;
    expect(cleared.assets).toEqual([]);
  });

  it("refuses another client's or an unknown asset, naming the element, and writes nothing", async () => {
    const before = (await app.inject({ url: `/api/Tickets?asset_id=${pcB}` })).json() as {
      record_count: number;
    };
    const other = await post([{ summary: 'wrong client', client_id: f.customerA, assets: [{ id: pcB }] }]);
    expect(other.statusCode).toBe(400);
    expect(other.json()).toMatchObject({ errors: [{ field: '[0].assets[0].id' }] });
    const unknown = await post([{ summary: 'unknown', client_id: f.customerA, assets: [{ id: 999999 }] }]);
    expect(unknown.statusCode).toBe(400);
    expect((await app.inject({ url: `/api/Tickets?asset_id=${pcB}` })).json()).toMatchObject({
      record_count: before.record_count,
    });
  });

  it('lists the tickets of an asset with asset_id (combined with ticketids)', async () => {
    const one = (
      await post([{ summary: 'srv 1', client_id: f.customerA, assets: [{ id: srvA }] }])
    ).json() as Ticket;
    const two = (
      await post([{ summary: 'srv 2', client_id: f.customerA, assets: [{ id: srvA }, { id: pcA }] }])
    ).json() as Ticket;
    const list = (await app.inject({ url: `/api/Tickets?asset_id=${srvA}` })).json() as {
      tickets: { id: number }[];
    };
    expect(list.tickets.map((x) => x.id)).toEqual(expect.arrayContaining([one.id, two.id]));
    expect(list.tickets.every((x) => x.id !== undefined)).toBe(true);
    const both = (await app.inject({ url: `/api/Tickets?asset_id=${srvA}&ticketids=${two.id}` })).json() as {
      tickets: { id: number }[];
    };
    expect(both.tickets.map((x) => x.id)).toEqual([two.id]);
    const none = (await app.inject({ url: `/api/Tickets?asset_id=${pcB}` })).json();
    expect(none).toMatchObject({ record_count: 0, tickets: [] });
  });
});
