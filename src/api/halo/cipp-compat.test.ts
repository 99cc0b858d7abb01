// Regressions found by replaying CIPP against a real server (test/compat/cipp.int.test.ts):
//  - /Users advanced_search was ignored, so CIPP's exact-match lookup got every contact and linked the first;
//  - POST /Tickets ignored userlookup.id, the only place CIPP names the contact;
//  - /Workflow/{id} did not exist, so CIPP's outcome dropdown failed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDialect } from '../../db/testing.js';
import { seedFixture, type Fixture } from '../../core/tickets/testing.js';
import { buildHaloTestApp } from './testing.js';

const adv = (filters: unknown) => encodeURIComponent(JSON.stringify(filters));

describeEachDialect('Halo /api: what CIPP relies on', (get) => {
  let app: FastifyInstance;
  let f: Fixture;
  let second: { id: number; site_id: number };
  beforeAll(async () => {
    app = await buildHaloTestApp(get());
    f = await seedFixture(get().db);
    const res = await app.inject({
      method: 'POST',
      url: '/api/Users',
      payload: [
        {
          name: 'Second Contact',
          site_id: f.siteA2,
          emailaddress: 'Second.Contact@Example.test',
          login: 'second',
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    second = res.json() as { id: number; site_id: number };
  });
  afterAll(async () => {
    await app.close();
  });

  it('advanced_search filter_type 2 matches exactly (case-insensitive) and never falls back to every user', async () => {
    const base = `/api/Users?client_id=${f.customerA}&includeinactive=false&pageinate=false`;
    const byEmail = await app.inject({
      url: `${base}&advanced_search=${adv([{ filter_name: 'emailaddress', filter_type: 2, filter_value: 'second.contact@example.test' }])}`,
    });
    expect(byEmail.statusCode, byEmail.body).toBe(200);
    expect((byEmail.json() as { users: { id: number }[] }).users.map((u) => u.id)).toEqual([second.id]);
    const byLogin = await app.inject({
      url: `${base}&advanced_search=${adv([{ filter_name: 'networklogin', filter_type: '2', filter_value: 'SECOND' }])}`,
    });
    expect((byLogin.json() as { users: { id: number }[] }).users.map((u) => u.id)).toEqual([second.id]);
    const none = await app.inject({
      url: `${base}&advanced_search=${adv([{ filter_name: 'emailaddress', filter_type: 2, filter_value: 'nobody@example.test' }])}`,
    });
    expect(none.json()).toMatchObject({ record_count: 0, users: [] });
    const byId = await app.inject({
      url: `${base}&advanced_search=${adv([{ filter_name: 'id', filter_type: 2, filter_value: String(f.userA1) }])}`,
    });
    expect((byId.json() as { users: { id: number }[] }).users.map((u) => u.id)).toEqual([f.userA1]);

    for (const bad of [
      [{ filter_name: 'azureoid', filter_type: 2, filter_value: 'x' }],
      [{ filter_name: 'emailaddress', filter_type: 1, filter_value: 'x' }],
      'not json',
    ]) {
      const res = await app.inject({
        url: `${base}&advanced_search=${typeof bad === 'string' ? bad : adv(bad)}`,
      });
      expect(res.statusCode).toBe(400);
      expect((res.json() as { Message: string }).Message).toMatch(/^Invalid advanced search parameter/);
    }
  });

  it('POST /Tickets takes the user from userlookup.id when user_id is absent; -1 means none; user_id wins', async () => {
    const linked = await app.inject({
      method: 'POST',
      url: '/api/Tickets',
      payload: [
        {
          client_id: f.customerA,
          site_id: second.site_id,
          userlookup: { id: second.id, lookupdisplay: 'Second' },
          summary: 'linked',
          _novalidate: true,
        },
      ],
    });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json()).toMatchObject({ user_id: second.id, site_id: f.siteA2, client_id: f.customerA });
    const general = await app.inject({
      method: 'POST',
      url: '/api/Tickets',
      payload: [
        {
          client_id: f.customerA,
          site_id: null,
          userlookup: { id: -1, lookupdisplay: 'Enter Details Manually' },
          summary: 'general',
        },
      ],
    });
    expect(general.json()).toMatchObject({ user_id: null, client_id: f.customerA });
    const explicit = await app.inject({
      method: 'POST',
      url: '/api/Tickets',
      payload: [
        { client_id: f.customerA, user_id: f.userA1, userlookup: { id: second.id }, summary: 'explicit' },
      ],
    });
    expect(explicit.json()).toMatchObject({ user_id: f.userA1 });
  });

  it('/TicketType/{id}.workflow_id → /Workflow/{id}.steps[].actions[].action_id lists the active outcomes', async () => {
    const type = (await app.inject({ url: '/api/tickettype/1' })).json() as { workflow_id: number };
    const wf = await app.inject({ url: `/api/workflow/${type.workflow_id}` });
    expect(wf.statusCode, wf.body).toBe(200);
    const ids = (wf.json() as { steps: { actions: { action_id: number }[] }[] }).steps.flatMap((s) =>
      s.actions.map((a) => a.action_id),
    );
    const outcomes = (await app.inject({ url: '/api/outcome' })).json() as { id: number }[];
    expect(ids.sort()).toEqual(outcomes.map((o) => o.id).sort());
    expect(ids).toContain(7);
    const list = await app.inject({ url: '/api/Workflow' });
    expect((list.json() as { id: number }[]).map((w) => w.id)).toEqual([type.workflow_id]);
    expect((await app.inject({ url: '/api/Workflow/99' })).statusCode).toBe(404);
  });
});
