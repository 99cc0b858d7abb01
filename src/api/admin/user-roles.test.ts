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

  it('renames a role; deleting is refused while a mapping gives it, then leaves its users without one', async () => {
    const { db } = get();
    const created = (
      await app.inject({
        method: 'POST',
        url: '/admin/api/user-roles',
        headers: admin,
        payload: { name: 'Approver' },
      })
    ).json();
    const taken = await app.inject({
      method: 'PATCH',
      url: `/admin/api/user-roles/${created.id}`,
      headers: admin,
      payload: { name: 'CUSTOMER USER' },
    });
    expect(taken.statusCode).toBe(409);
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/admin/api/user-roles/${created.id}`,
      headers: admin,
      payload: { name: 'Approvers', description: 'Approve changes' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toEqual({ id: created.id, name: 'Approvers', description: 'Approve changes' });
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: '/admin/api/user-roles/999999',
          headers: admin,
          payload: { name: 'X' },
        })
      ).statusCode,
    ).toBe(404);

    // A mapping gives the role and two end users hold it.
    const customer = await db
      .insertInto('customers')
      .values({ name: 'Roles Ltd', created_at: 'x', updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const site = await db
      .insertInto('sites')
      .values({ customer_id: customer.id, name: 'HQ', created_at: 'x', updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const name of ['Ann', 'Bob'])
      await db
        .insertInto('end_users')
        .values({
          customer_id: customer.id,
          site_id: site.id,
          name,
          user_role_id: created.id,
          created_at: 'x',
          updated_at: 'x',
        })
        .execute();
    const inst = await db
      .insertInto('integration_instances')
      .values({ connector_id: 'ldap', name: 'AD', schedule: '0 * * * *', created_at: 'x', updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const mapping = await db
      .insertInto('container_mappings')
      .values({
        instance_id: inst.id,
        external_id: 'OU=Approvers,DC=corp,DC=example',
        external_name: 'Approvers',
        container_kind: 'ou',
        status: 'mapped',
        target_kind: 'site',
        customer_id: customer.id,
        site_id: site.id,
        user_role_id: created.id,
        source: 'manual',
        created_at: 'x',
        updated_at: 'x',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const del = () =>
      app.inject({ method: 'DELETE', url: `/admin/api/user-roles/${created.id}`, headers: admin });
    const refused = await del();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('1 mapping (Approvers)');
    expect(await roles()).toContain('Approvers');
    expect(
      (await app.inject({ method: 'DELETE', url: `/admin/api/user-roles/${created.id}`, headers: reader }))
        .statusCode,
    ).toBe(403);

    await db
      .updateTable('container_mappings')
      .set({ user_role_id: null })
      .where('id', '=', mapping.id)
      .execute();
    const deleted = await del();
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json()).toEqual({ deleted: created.id, usersCleared: 2 });
    expect(await roles()).not.toContain('Approvers');
    const held = await db
      .selectFrom('end_users')
      .select('user_role_id')
      .where('customer_id', '=', customer.id)
      .execute();
    expect(held).toEqual([{ user_role_id: null }, { user_role_id: null }]);
    expect((await del()).statusCode).toBe(404);
  });
});
