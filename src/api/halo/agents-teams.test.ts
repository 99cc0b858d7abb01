// /api/Agent, /api/Team and /api/TopLevel over the real app on both dialects: reply shapes (bare array vs
// wrapper), membership, /Agent/me, soft deletes and permissions.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import type { Db } from '../../db/transaction.js';
import { buildHaloTestApp, TEST_AGENT_HEADER, TEST_PERMISSIONS_HEADER } from './testing.js';

describeEachDialect('Halo /api/Agent, /api/Team, /api/TopLevel', (get) => {
  let app: FastifyInstance;
  let db: Db;
  beforeAll(async () => {
    db = get().db;
    app = await buildHaloTestApp(get());
  });
  afterAll(async () => {
    await app.close();
  });
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers });
  const getJson = async (url: string, headers: Record<string, string> = {}) => {
    const r = await app.inject({ method: 'GET', url, headers });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };

  it('creates teams and agents with memberships and a default team by name', async () => {
    const teams = (await post('/api/Team', [{ name: 'Service Desk' }, { name: 'Projects' }])).json();
    expect(teams.map((t: { name: string }) => t.name)).toEqual(['Service Desk', 'Projects']);
    const [desk, projects] = teams as { id: number }[];
    const a = (
      await post('/api/Agent', [
        {
          name: 'Sam Smith',
          email: 'sam@msp.example',
          team: 'Service Desk',
          teams: [{ team_id: desk!.id }, projects!.id],
        },
      ])
    ).json();
    expect(a).toMatchObject({
      name: 'Sam Smith',
      is_agent: true,
      isdisabled: false,
      isapiagent: false,
      team: 'Service Desk',
      team_id: desk!.id,
    });
    expect(a.teams.map((t: { team_name: string }) => t.team_name).sort()).toEqual([
      'Projects',
      'Service Desk',
    ]);
    const team = await getJson(`/api/Team/${desk!.id}`);
    expect(team.agents).toEqual([
      { agent_id: a.id, agent_name: 'Sam Smith', team_id: desk!.id, team_name: 'Service Desk' },
    ]);
  });

  it('lists agents as a bare array, and as {record_count, agents} with pageinate', async () => {
    await post('/api/Agent', [{ name: 'Bot', isapiagent: true }, { name: 'Zed' }]);
    const bare = await getJson('/api/agent');
    expect(Array.isArray(bare)).toBe(true);
    expect(bare.map((x: { name: string }) => x.name)).toEqual(['Sam Smith', 'Zed']);
    const withApi = await getJson('/api/Agent?includeapiagents=true');
    expect(withApi.map((x: { name: string }) => x.name)).toEqual(['Bot', 'Sam Smith', 'Zed']);
    const paged = await getJson('/api/Agent?pageinate=true&page_size=1&page_no=2');
    expect(paged).toMatchObject({ page_no: 2, page_size: 1, record_count: 2 });
    expect(paged.agents.map((x: { name: string }) => x.name)).toEqual(['Zed']);
    const members = await getJson('/api/Agent?team=Projects');
    expect(members.map((x: { name: string }) => x.name)).toEqual(['Sam Smith']);
  });

  it("answers /api/Agent/me for the caller's agent, 404 without one", async () => {
    const sam = (await getJson('/api/Agent?search=sam'))[0];
    const me = await getJson('/api/Agent/me', { [TEST_AGENT_HEADER]: String(sam.id) });
    expect(me).toMatchObject({ id: sam.id, name: 'Sam Smith' });
    const none = await app.inject({ method: 'GET', url: '/api/Agent/me' });
    expect(none.statusCode).toBe(404);
  });

  it('disables agents on DELETE; disabled agents show only with includedisabled', async () => {
    const zed = (await getJson('/api/Agent?search=zed'))[0];
    const del = await app.inject({ method: 'DELETE', url: `/api/Agent/${zed.id}` });
    expect(del.json()).toMatchObject({ id: zed.id, isdisabled: true });
    expect((await getJson('/api/Agent')).map((x: { name: string }) => x.name)).toEqual(['Sam Smith']);
    expect((await getJson('/api/Agent?includedisabled=true')).map((x: { name: string }) => x.name)).toEqual([
      'Sam Smith',
      'Zed',
    ]);
    const n = await db
      .selectFrom('agents')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(3);
  });

  it('replaces team membership via POST agents[] and rejects unknown agents, writing nothing', async () => {
    const desk = (await getJson('/api/Team?search=desk'))[0];
    const zed = (await getJson('/api/Agent?search=zed&includedisabled=true'))[0];
    const updated = (await post('/api/Team', [{ id: desk.id, agents: [{ agent_id: zed.id }] }])).json();
    expect(updated.agents.map((x: { agent_name: string }) => x.agent_name)).toEqual(['Zed']);
    const bad = await post('/api/Team', [{ id: desk.id, agents: [zed.id, 424242] }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('[0].agents[1]');
    expect(
      (await getJson(`/api/Team/${desk.id}`)).agents.map((x: { agent_name: string }) => x.agent_name),
    ).toEqual(['Zed']);
    const wrongType = await post('/api/Team', [{ id: desk.id, agents: 'everyone' }]);
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors[0].field).toBe('[0].agents');
  });

  it('lists teams as a bare array and refuses duplicate names', async () => {
    const teams = await getJson('/api/team');
    expect(Array.isArray(teams)).toBe(true);
    expect(teams.map((t: { name: string }) => t.name)).toEqual(['Projects', 'Service Desk']);
    const dup = await post('/api/Team', [{ name: 'Projects' }]);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe('[0].name');
    const paged = await getJson('/api/Team?pageinate=true&page_size=1');
    expect(paged).toHaveLength(1);
  });

  it('changes agent roles only for admins', async () => {
    const sam = (await getJson('/api/Agent?search=sam'))[0];
    const role = await db
      .insertInto('roles')
      .values({
        name: 'Techs',
        permissions: '["tickets:edit"]',
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const denied = await post('/api/Agent', [{ id: sam.id, roles: [role.id] }], {
      [TEST_PERMISSIONS_HEADER]: 'agents:edit',
    });
    expect(denied.statusCode).toBe(403);
    expect((await getJson(`/api/Agent/${sam.id}`)).roles).toEqual([]);
    const ok = await post('/api/Agent', [{ id: sam.id, roles: [{ id: role.id }] }]);
    expect(ok.json().roles).toEqual([{ id: role.id, name: 'Techs' }]);
    const profile = await post('/api/Agent', [{ id: sam.id, jobtitle: 'Engineer' }], {
      [TEST_PERMISSIONS_HEADER]: 'agents:edit',
    });
    expect(profile.json()).toMatchObject({ jobtitle: 'Engineer', email: 'sam@msp.example' });
    const noTeams = await app.inject({
      method: 'GET',
      url: '/api/Team',
      headers: { [TEST_PERMISSIONS_HEADER]: 'agents:edit' },
    });
    expect(noTeams.statusCode).toBe(403);
  });

  it('lists top levels as a bare array, with the toplevels wrapper when paging', async () => {
    const created = (await post('/api/TopLevel', [{ name: 'Managed' }, { name: 'Prospects' }])).json();
    expect(created).toHaveLength(2);
    await post('/api/Client', [{ name: 'Under Managed', toplevel_id: created[0].id }]);
    const bare = await getJson('/api/toplevel');
    expect(bare).toEqual([
      expect.objectContaining({ name: 'Managed', client_count: 1 }),
      expect.objectContaining({ name: 'Prospects', client_count: 0 }),
    ]);
    const paged = await getJson('/api/TopLevel?pageinate=true&page_size=1');
    expect(paged).toMatchObject({
      page_no: 1,
      page_size: 1,
      record_count: 2,
      toplevels: [expect.objectContaining({ name: 'Managed' })],
    });
    const renamed = (await post('/api/TopLevel', [{ id: created[1].id, name: 'Leads' }])).json();
    expect(renamed).toMatchObject({ id: created[1].id, name: 'Leads', inactive: false });
  });
});
