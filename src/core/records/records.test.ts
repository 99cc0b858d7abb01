import { expect, it } from 'vitest';
import pino from 'pino';
import { describeEachDialect } from '../../db/testing.js';
import { systemActor, type Actor, type Ctx } from '../context.js';
import { PermissionSet } from '../permissions.js';
import { getRecord, listRecords } from './index.js';

const T = '2026-11-21T06:00:00.000Z';
const stamps = { created_at: T, updated_at: T };

describeEachDialect('console record lists', (get) => {
  const ctx = (actor: Actor = systemActor()): Ctx => ({
    db: get().db,
    actor,
    log: pino({ level: 'silent' }),
    now: () => new Date(T),
  });

  it('seeds', async () => {
    const { db } = get();
    const names = ['Acme 100% Ltd', 'Beta_Corp', 'Contoso', 'acme north', 'Delta'];
    for (const name of names)
      await db
        .insertInto('customers')
        .values({ name, ...stamps, inactive: name === 'Delta' ? 1 : 0 })
        .execute();
    const acme = await db
      .selectFrom('customers')
      .select('id')
      .where('name', '=', 'Acme 100% Ltd')
      .executeTakeFirstOrThrow();
    const site = await db
      .insertInto('sites')
      .values({ customer_id: acme.id, name: 'Head Office', address_city: 'Leeds', ...stamps })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('end_users')
      .values({
        customer_id: acme.id,
        site_id: site.id,
        name: 'Ada Lovelace',
        email: 'ada@acme.test',
        ...stamps,
      })
      .execute();
    const inst = await db
      .insertInto('integration_instances')
      .values({ connector_id: 'sophos', name: 'Sophos Central', schedule: '0 * * * *', ...stamps })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('external_links')
      .values({
        instance_id: inst.id,
        record_type: 'customer',
        record_id: acme.id,
        external_id: 'tenant-1',
        external_name: 'Acme',
        last_seen_at: T,
        last_seen_run_id: 7,
        ...stamps,
      })
      .execute();
    await db
      .insertInto('agents')
      .values({ name: 'Root Admin', login: 'admin', password_hash: 'scrypt$secret', ...stamps })
      .execute();
  });

  it('searches case-insensitively, treating % and _ literally', async () => {
    const page = (search: string) =>
      listRecords(ctx(), 'customers', { search, page: 1, pageSize: 25, status: 'all' });
    expect((await page('ACME')).items.map((c) => (c as { name: string }).name)).toEqual([
      'Acme 100% Ltd',
      'acme north',
    ]);
    expect((await page('100%')).total).toBe(1);
    expect((await page('a_m')).total).toBe(0);
    expect((await page('_')).total).toBe(1);
  });

  it('pages with a total and filters by status', async () => {
    const p1 = await listRecords(ctx(), 'customers', { page: 1, pageSize: 2, status: 'all' });
    const p3 = await listRecords(ctx(), 'customers', { page: 3, pageSize: 2, status: 'all' });
    expect(p1.total).toBe(5);
    expect(p1.items).toHaveLength(2);
    expect(p3.items).toHaveLength(1);
    expect((await listRecords(ctx(), 'customers', { page: 1, pageSize: 25, status: 'inactive' })).total).toBe(
      1,
    );
    expect((await listRecords(ctx(), 'customers', { page: 1, pageSize: 25, status: 'active' })).total).toBe(
      4,
    );
  });

  it('keeps the real total on a page past the end, and names a missing customer a customer', async () => {
    const past = await listRecords(ctx(), 'customers', { page: 9, pageSize: 2, status: 'all' });
    expect(past).toEqual({ items: [], total: 5, page: 9, pageSize: 2 });
    await expect(getRecord(ctx(), 'customers', 999_999)).rejects.toMatchObject({
      status: 404,
      message: 'Customer 999999 was not found',
    });
  });

  it('fetches a given set of ids', async () => {
    const all = await listRecords(ctx(), 'customers', { page: 1, pageSize: 25, status: 'all' });
    const two = all.items.slice(0, 2).map((c) => (c as { id: number }).id);
    const some = await listRecords(ctx(), 'customers', { page: 1, pageSize: 25, status: 'all', ids: two });
    expect(some.items.map((c) => (c as { id: number }).id).sort()).toEqual([...two].sort());
    expect(
      (await listRecords(ctx(), 'customers', { page: 1, pageSize: 25, status: 'all', ids: [] })).total,
    ).toBe(0);
  });

  it('shows where a record came from, with the instance name, external id and last seen', async () => {
    const list = await listRecords(ctx(), 'customers', {
      search: 'Acme 100',
      page: 1,
      pageSize: 25,
      status: 'all',
    });
    const row = list.items[0] as { id: number; siteCount: number; userCount: number; sources: unknown[] };
    expect(row.siteCount).toBe(1);
    expect(row.userCount).toBe(1);
    expect(row.sources).toEqual([
      {
        instanceId: expect.any(Number),
        instanceName: 'Sophos Central',
        connector: 'sophos',
        externalId: 'tenant-1',
        externalName: 'Acme',
        lastSeenAt: T,
        lastSeenRunId: 7,
      },
    ]);
    const detail = await getRecord(ctx(), 'customers', row.id);
    expect(detail.title).toBe('Acme 100% Ltd');
    expect(detail.sources).toHaveLength(1);
    expect(detail.fields.find((f) => f.label === 'Main site')).toBeUndefined();
  });

  it('lists sites and users with their customer, and never exposes an agent password hash', async () => {
    const sites = await listRecords(ctx(), 'sites', {
      search: 'leeds',
      page: 1,
      pageSize: 25,
      status: 'all',
    });
    expect(sites.items).toMatchObject([
      { name: 'Head Office', customerName: 'Acme 100% Ltd', city: 'Leeds', sources: [] },
    ]);
    const users = await listRecords(ctx(), 'users', { search: 'ada@', page: 1, pageSize: 25, status: 'all' });
    expect(users.items).toMatchObject([{ name: 'Ada Lovelace', siteName: 'Head Office' }]);
    const agents = await listRecords(ctx(), 'agents', { page: 1, pageSize: 25, status: 'all' });
    expect(JSON.stringify(agents)).not.toContain('scrypt');
    const agentId = (agents.items[0] as { id: number }).id;
    expect(JSON.stringify(await getRecord(ctx(), 'agents', agentId))).not.toContain('scrypt');
  });

  it("lists one customer's sites and users; other lists refuse the customer filter", async () => {
    const { db } = get();
    const ids = Object.fromEntries(
      (await db.selectFrom('customers').select(['id', 'name']).execute()).map((c) => [c.name, c.id]),
    );
    // "acme north" has a site whose name would also match a search for Acme.
    await db
      .insertInto('sites')
      .values({ customer_id: ids['acme north'] as number, name: 'Acme North Depot', ...stamps })
      .execute();
    const of = async (type: 'sites' | 'users', name: string) =>
      (
        await listRecords(ctx(), type, {
          page: 1,
          pageSize: 25,
          status: 'all',
          customerId: ids[name] as number,
        })
      ).items.map((r) => (r as { name: string }).name);
    expect(await of('sites', 'Acme 100% Ltd')).toEqual(['Head Office']);
    expect(await of('sites', 'acme north')).toEqual(['Acme North Depot']);
    expect(await of('users', 'Acme 100% Ltd')).toEqual(['Ada Lovelace']);
    expect(await of('users', 'acme north')).toEqual([]);
    // A user's detail names the user role it holds, and leaves the field out when it holds none.
    const ada = (
      await db
        .selectFrom('end_users')
        .select('id')
        .where('name', '=', 'Ada Lovelace')
        .executeTakeFirstOrThrow()
    ).id;
    const role = (
      await db
        .insertInto('user_roles')
        .values({ name: 'Approver', ...stamps })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const roleField = async () =>
      (await getRecord(ctx(), 'users', ada)).fields.find((f) => f.label === 'User role');
    expect(await roleField()).toBeUndefined();
    await db.updateTable('end_users').set({ user_role_id: role }).where('id', '=', ada).execute();
    expect(await roleField()).toMatchObject({ value: 'Approver' });
    await expect(
      listRecords(ctx(), 'tickets', { page: 1, pageSize: 25, status: 'all', customerId: 1 }),
    ).rejects.toMatchObject({ kind: 'input', details: [{ field: 'customerId' }] });
  });

  it("lists one site's users; other lists refuse the site filter", async () => {
    const { db } = get();
    const acme = await db
      .selectFrom('customers')
      .select('id')
      .where('name', '=', 'Acme 100% Ltd')
      .executeTakeFirstOrThrow();
    const headOffice = await db
      .selectFrom('sites')
      .select('id')
      .where('name', '=', 'Head Office')
      .executeTakeFirstOrThrow();
    const branch = await db
      .insertInto('sites')
      .values({ customer_id: acme.id, name: 'Branch', ...stamps })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('end_users')
      .values({ customer_id: acme.id, site_id: branch.id, name: 'Grace Hopper', ...stamps })
      .execute();
    const names = async (filter: { siteId?: number; customerId?: number }) =>
      (await listRecords(ctx(), 'users', { page: 1, pageSize: 25, status: 'all', ...filter })).items.map(
        (r) => (r as { name: string }).name,
      );
    expect(await names({ siteId: headOffice.id })).toEqual(['Ada Lovelace']);
    expect(await names({ siteId: branch.id })).toEqual(['Grace Hopper']);
    expect(await names({ customerId: acme.id })).toEqual(['Ada Lovelace', 'Grace Hopper']);
    await expect(
      listRecords(ctx(), 'sites', { page: 1, pageSize: 25, status: 'all', siteId: branch.id }),
    ).rejects.toMatchObject({ kind: 'input', details: [{ field: 'siteId' }] });
    // A site's and a customer's detail count their end users and link to the list of them.
    await db.updateTable('end_users').set({ inactive: 1 }).where('name', '=', 'Grace Hopper').execute();
    const usersField = async (type: 'sites' | 'customers', id: number) =>
      (await getRecord(ctx(), type, id)).fields.find((f) => f.label === 'End users');
    expect(await usersField('sites', branch.id)).toEqual({
      label: 'End users',
      value: '0 active, 1 inactive',
      link: { type: 'users', filter: { siteId: branch.id } },
    });
    expect(await usersField('customers', acme.id)).toEqual({
      label: 'End users',
      value: '1 active, 1 inactive',
      link: { type: 'users', filter: { customerId: acme.id } },
    });
  });

  it('answers empty lists for the other types and 404 for a missing record', async () => {
    for (const type of ['tickets', 'licences', 'assets'] as const) {
      expect(await listRecords(ctx(), type, { search: 'x', page: 1, pageSize: 25, status: 'all' })).toEqual({
        items: [],
        total: 0,
        page: 1,
        pageSize: 25,
      });
    }
    await expect(getRecord(ctx(), 'customers', 999_999)).rejects.toMatchObject({ status: 404 });
  });

  it('requires read access to the record area', async () => {
    const ticketsOnly: Actor = {
      agentId: 1,
      kind: 'agent',
      permissions: new PermissionSet(['tickets:read']),
    };
    await expect(
      listRecords(ctx(ticketsOnly), 'customers', { page: 1, pageSize: 25, status: 'all' }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      listRecords(ctx(ticketsOnly), 'tickets', { page: 1, pageSize: 25, status: 'all' }),
    ).resolves.toMatchObject({ total: 0 });
  });
});
