// The console's user roles and team list: create with field errors and nothing written, admin-only writes,
// and the lists the mapping form offers.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import { buildTestApp, createTestApplication } from '../../auth/testing.js';

describeEachDialect('admin API: user roles and teams', (get) => {
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let reader: Record<string, string>;
  beforeAll(async () => {
    app = await buildTestApp(get());
    admin = {
      authorization: (await createTestApplication(get().db, { scopes: 'all', permissions: ['admin'] }))
        .authorization,
    };
    reader = {
      authorization: (
        await createTestApplication(get().db, {
          scopes: 'all',
          permissions: ['teams:read', 'customers:read'],
        })
      ).authorization,
    };
    await get()
      .db.insertInto('teams')
      .values({ name: 'Service Desk', created_at: 'x', updated_at: 'x' })
      .execute();
  });
  afterAll(async () => {
    await app.close();
  });
  const roles = async () =>
    (await get().db.selectFrom('user_roles').select('name').execute()).map((r) => r.name);

  it('creates and lists user roles; a blank or taken name is refused with nothing written', async () => {
    const post = (payload: unknown, headers = admin) =>
      app.inject({ method: 'POST', url: '/admin/api/user-roles', headers, payload: payload as object });
    const created = await post({ name: 'Customer User', description: 'Logs and views own tickets' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Customer User',
      description: 'Logs and views own tickets',
    });

    const blank = await post({ name: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(JSON.stringify(blank.json())).toContain('name');
    const taken = await post({ name: 'customer user' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors).toEqual([{ field: 'name', message: 'is already used' }]);
    expect((await post({ name: 'Approver' }, reader)).statusCode).toBe(403);
    expect(await roles()).toEqual(['Customer User']);

    const list = await app.inject({ method: 'GET', url: '/admin/api/user-roles', headers: reader });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([
      { id: created.json().id, name: 'Customer User', description: 'Logs and views own tickets' },
    ]);
  });

  it('lists teams by id and name for the mapping form', async () => {
    const res = await app.inject({ method: 'GET', url: '/admin/api/teams', headers: reader });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([expect.objectContaining({ name: 'Service Desk', inactive: false })]);
  });
});
