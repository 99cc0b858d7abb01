// The lists a connector settings form offers as selects: ticket types, priorities and teams by id and name,
// active ones only, for a signed-in reader; anything else is refused.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import { buildTestApp, createTestApplication } from '../../auth/testing.js';

describeEachDialect('admin API: choices for settings forms', (get) => {
  let app: FastifyInstance;
  let reader: Record<string, string>;
  beforeAll(async () => {
    app = await buildTestApp(get());
    reader = {
      authorization: (
        await createTestApplication(get().db, {
          scopes: 'all',
          permissions: ['teams:read', 'tickets:read'],
        })
      ).authorization,
    };
    await get()
      .db.insertInto('teams')
      .values([
        { name: 'Service Desk', inactive: 0, created_at: 'x', updated_at: 'x' },
        { name: 'Retired Team', inactive: 1, created_at: 'x', updated_at: 'x' },
      ])
      .execute();
    await get().db.updateTable('ticket_types').set({ inactive: 1 }).where('name', '=', 'Alert').execute();
  });
  afterAll(async () => {
    await app.close();
  });
  const list = (name: string, headers: Record<string, string> = reader) =>
    app.inject({ method: 'GET', url: `/admin/api/choices/${name}`, headers });

  it('lists active teams, ticket types and priorities by id and name', async () => {
    const teams = await list('team');
    expect(teams.statusCode).toBe(200);
    expect(teams.json()).toEqual([{ id: expect.any(Number) as number, name: 'Service Desk' }]);

    const types = (await list('tickettype')).json<{ id: number; name: string }[]>();
    const seeded = await get().db.selectFrom('ticket_types').select(['id', 'name', 'inactive']).execute();
    expect(types).toEqual(seeded.filter((t) => t.inactive === 0).map((t) => ({ id: t.id, name: t.name })));
    expect(types.map((t) => t.name)).not.toContain('Alert');

    const priorities = (await list('priority')).json<{ name: string }[]>();
    expect(priorities.map((p) => p.name)).toEqual(expect.arrayContaining(['Critical', 'Low']));
  });

  it('refuses an unknown list and an anonymous caller', async () => {
    const unknown = await list('agents');
    expect(unknown.statusCode).toBe(400);
    expect((await list('team', {})).statusCode).toBe(401);
  });
});
