// The customer routes behind real authentication: a bearer token from the client_credentials grant, with the
// application's scopes intersected with its agent's permissions.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createTestApplication } from '../../auth/testing.js';
import { describeEachDialect } from '../../db/testing.js';

describeEachDialect('Halo customer routes with real tokens', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(get());
  });
  afterAll(async () => {
    await app.close();
  });
  const customers = async () =>
    Number(
      (
        await get()
          .db.selectFrom('customers')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('answers 401 without a token', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/Client' });
    expect(r.statusCode).toBe(401);
  });

  it('lets read:customers read but not write; 403 writes nothing', async () => {
    const reader = await createTestApplication(get().db, { scopes: 'read:customers' });
    const list = await app.inject({
      method: 'GET',
      url: '/api/Client?pageinate=true',
      headers: { authorization: reader.authorization },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ record_count: 0, clients: [] });
    const before = await customers();
    const write = await app.inject({
      method: 'POST',
      url: '/api/Client',
      headers: { authorization: reader.authorization },
      payload: [{ name: 'Nope' }],
    });
    expect(write.statusCode).toBe(403);
    expect(await customers()).toBe(before);
  });

  it('lets edit:customers create clients and users, but not agents', async () => {
    const editor = await createTestApplication(get().db, { scopes: 'edit:customers' });
    const headers = { authorization: editor.authorization };
    const c = await app.inject({
      method: 'POST',
      url: '/api/Client',
      headers,
      payload: [{ name: 'Scoped Ltd' }],
    });
    expect(c.statusCode).toBe(201);
    const u = await app.inject({
      method: 'POST',
      url: '/api/Users',
      headers,
      payload: [{ name: 'Pat', client_id: c.json().id }],
    });
    expect(u.statusCode).toBe(201);
    const a = await app.inject({ method: 'GET', url: '/api/Agent', headers });
    expect(a.statusCode).toBe(403);
    const me = await app.inject({ method: 'GET', url: '/api/Agent/me', headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: editor.agentId, isapiagent: true });
  });
});
