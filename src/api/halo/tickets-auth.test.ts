// The ticket, action, asset and licence routes behind real tokens: each needs its own area's scope, and a
// refused write leaves nothing behind.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDialect } from '../../db/testing.js';
import { buildTestApp, createTestApplication } from '../../auth/testing.js';
import { seedFixture, type Fixture } from '../../core/tickets/testing.js';

describeEachDialect('Halo tickets/assets/licences behind real tokens', (get) => {
  let app: FastifyInstance;
  let f: Fixture;
  beforeAll(async () => {
    app = await buildTestApp(get());
    f = await seedFixture(get().db);
  });
  afterAll(async () => {
    await app.close();
  });
  const rows = async (table: 'tickets' | 'ticket_actions' | 'assets' | 'licences') =>
    Number(
      (
        await get()
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('edit:tickets creates tickets and actions, attributed to the application agent; read:tickets cannot', async () => {
    const editor = await createTestApplication(get().db, {
      scopes: 'edit:tickets',
      permissions: ['tickets:edit'],
    });
    const reader = await createTestApplication(get().db, {
      scopes: 'read:tickets',
      permissions: ['tickets:edit'],
    });
    const created = await app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: { authorization: editor.authorization },
      payload: [{ summary: 'From a tool', client_id: f.customerA }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ created_by_agent_id: editor.agentId, client_id: f.customerA });
    const note = await app.inject({
      method: 'POST',
      url: '/api/actions',
      headers: { authorization: editor.authorization },
      payload: [{ ticket_id: created.json().id, outcome_id: 7, note: 'x' }],
    });
    expect(note.json()).toMatchObject({ who_agentid: editor.agentId });
    const before = [await rows('tickets'), await rows('ticket_actions')];
    const denied = await app.inject({
      method: 'POST',
      url: '/api/Tickets',
      headers: { authorization: reader.authorization },
      payload: [{ summary: 'nope' }],
    });
    expect(denied.statusCode).toBe(403);
    const deniedNote = await app.inject({
      method: 'POST',
      url: '/api/Actions',
      headers: { authorization: reader.authorization },
      payload: [{ ticket_id: created.json().id, outcome_id: 7 }],
    });
    expect(deniedNote.statusCode).toBe(403);
    expect([await rows('tickets'), await rows('ticket_actions')]).toEqual(before);
    const list = await app.inject({
      method: 'GET',
      url: '/api/Tickets',
      headers: { authorization: reader.authorization },
    });
    expect(list.statusCode).toBe(200);
    // Lookups need only a valid token; without one, 401.
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/Lookup?lookupid=11',
          headers: { authorization: reader.authorization },
        })
      ).json().length,
    ).toBeGreaterThan(0);
    expect((await app.inject({ method: 'GET', url: '/api/Lookup?lookupid=11' })).statusCode).toBe(401);
  });

  it('assets need the assets scope and licences the softwarelicensing scope', async () => {
    const assets = await createTestApplication(get().db, {
      scopes: 'edit:assets',
      permissions: ['assets:edit', 'softwarelicensing:edit'],
    });
    const before = await rows('licences');
    const a = await app.inject({
      method: 'POST',
      url: '/api/Asset',
      headers: { authorization: assets.authorization },
      payload: [{ assettype_id: 1, client_id: f.customerA, inventory_number: 'T-1' }],
    });
    expect(a.statusCode, a.body).toBe(201);
    const l = await app.inject({
      method: 'POST',
      url: '/api/SoftwareLicence',
      headers: { authorization: assets.authorization },
      payload: [{ name: 'x', client_id: f.customerA }],
    });
    expect(l.statusCode).toBe(403);
    expect(await rows('licences')).toBe(before);
  });
});
