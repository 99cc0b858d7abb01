import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDialect } from '../../db/testing.js';
import { seedFixture, type Fixture } from '../../core/tickets/testing.js';
import { buildHaloTestApp, TEST_PERMISSIONS_HEADER } from './testing.js';

describeEachDialect('Halo /api/Tickets and /api/Actions', (get) => {
  let app: FastifyInstance;
  let f: Fixture;
  let teamName: string;
  beforeAll(async () => {
    app = await buildHaloTestApp(get());
    f = await seedFixture(get().db);
    teamName = (
      await get()
        .db.selectFrom('teams')
        .select('name')
        .where('id', '=', f.teamSupport)
        .executeTakeFirstOrThrow()
    ).name;
  });
  afterAll(async () => {
    await app.close();
  });
  const ticketCount = async () =>
    Number(
      (
        await get()
          .db.selectFrom('tickets')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const post = (url: string, payload: unknown, perms?: string) =>
    app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      ...(perms ? { headers: { [TEST_PERMISSIONS_HEADER]: perms } } : {}),
    });

  it('creates a ticket the way ConnectSecure would (team by name, Halo-only flags ignored) and reads it back', async () => {
    const r = await post('/api/Tickets', [
      {
        summary: 'Critical vulnerability on WS-01',
        details_html: '<p>CVE-2026-0001</p>',
        client_id: f.customerA,
        site_id: f.siteA1,
        user_id: f.userA1,
        tickettype_id: 4,
        sla_id: 1,
        priority_id: 1,
        status_id: 1,
        team: teamName,
        agent_id: f.agent,
        category_1: 'Security',
        urgency: 1,
        impact: 6,
        _novalidate: true,
        dont_do_rules: true,
        sendack: false,
        customfields: [{ id: 1, value: 'x' }],
      },
    ]);
    expect(r.statusCode).toBe(201);
    const t = r.json();
    expect(t).toMatchObject({
      summary: 'Critical vulnerability on WS-01',
      details: 'CVE-2026-0001',
      details_html: '<p>CVE-2026-0001</p>',
      team: teamName,
      team_id: f.teamSupport,
      tickettype_name: 'Alert',
      priority_id: 1,
      hasbeenclosed: false,
    });
    const g = await app.inject({ method: 'GET', url: `/api/tickets/${t.id}?includedetails=true` });
    expect(g.statusCode).toBe(200);
    expect(g.json()).toMatchObject({
      id: t.id,
      client_id: f.customerA,
      site_id: f.siteA1,
      user_id: f.userA1,
    });
  });

  it('closes with POST [{id, status_id}] and re-opens the same way', async () => {
    const created = (await post('/api/Tickets', { summary: 'Close me', client_id: f.customerB })).json();
    const closed = await post('/api/Tickets', [{ id: created.id, status_id: 9 }]);
    expect(closed.statusCode).toBe(201);
    expect(closed.json()).toMatchObject({
      id: created.id,
      status_id: 9,
      hasbeenclosed: true,
      summary: 'Close me',
      client_id: f.customerB,
    });
    expect(closed.json().dateclosed).toEqual(expect.any(String));
    const reopened = (await post('/api/Tickets', [{ id: created.id, status_id: 2 }])).json();
    expect(reopened).toMatchObject({ hasbeenclosed: false, dateclosed: null });
  });

  it('answers 400 naming the field for wrong types and bad combinations, and writes nothing', async () => {
    const before = await ticketCount();
    const wrongType = await post('/api/Tickets', [{ summary: 'ok' }, { summary: 5, client_id: 'abc' }]);
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['[1].summary', '[1].client_id']),
    );
    const mismatch = await post('/api/Tickets', [
      { summary: 'ok' },
      { summary: 'bad', user_id: f.userA1, client_id: f.customerB },
    ]);
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({
      ClassName: expect.any(String),
      errors: [{ field: '[1].client_id' }],
    });
    const apiAgent = await post('/api/Tickets', [{ summary: 'x', agent_id: f.apiAgent }]);
    expect(apiAgent.statusCode).toBe(400);
    expect(apiAgent.json().errors[0].field).toBe('[0].agent_id');
    const badTeam = await post('/api/Tickets', [{ summary: 'x', team: 'Nobody' }]);
    expect(badTeam.json().errors[0].field).toBe('[0].team');
    expect(await ticketCount()).toBe(before);
  });

  it('403 without the tickets scope writes nothing', async () => {
    const before = await ticketCount();
    const r = await post('/api/Tickets', [{ summary: 'nope' }], 'tickets:read');
    expect(r.statusCode).toBe(403);
    const list = await app.inject({
      method: 'GET',
      url: '/api/Tickets',
      headers: { [TEST_PERMISSIONS_HEADER]: 'customers:read' },
    });
    expect(list.statusCode).toBe(403);
    expect(await ticketCount()).toBe(before);
  });

  it('lists with the tickets wrapper, filters and paging; DELETE ?reason= hides the ticket', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await post('/api/Tickets', { summary: `Paged ${i}`, site_id: f.siteB1 })).json().id);
    const page = (
      await app.inject({
        method: 'GET',
        url: `/api/Tickets?site_id=${f.siteB1}&search=paged&pageinate=true&page_size=2&page_no=1`,
      })
    ).json();
    expect(page).toMatchObject({ page_no: 1, page_size: 2, record_count: 3 });
    expect(page.tickets.map((t: { id: number }) => t.id)).toEqual(ids.slice(0, 2));
    const idsOnly = (
      await app.inject({ method: 'GET', url: `/api/Tickets?ticketids=${ids.join(',')}&open_only=true` })
    ).json();
    expect(idsOnly.record_count).toBe(3);
    const byStatuses = (
      await app.inject({ method: 'GET', url: `/api/Tickets?ticketids=${ids.join(',')}&status=9,2` })
    ).json();
    expect(byStatuses.record_count).toBe(0);
    const del = await app.inject({ method: 'DELETE', url: `/api/Tickets/${ids[0]}?reason=duplicate` });
    expect(del.statusCode).toBe(200);
    const after = (
      await app.inject({ method: 'GET', url: `/api/Tickets?ticketids=${ids.join(',')}` })
    ).json();
    expect(after.tickets.map((t: { id: number }) => t.id)).toEqual(ids.slice(1));
    expect((await app.inject({ method: 'GET', url: `/api/Tickets/${ids[0]}` })).statusCode).toBe(404);
    const badOrder = await app.inject({ method: 'GET', url: '/api/Tickets?order=nonsense' });
    expect(badOrder.statusCode).toBe(400);
  });

  it('actions: outcome_id is required with Halo message; new_status changes the ticket in the same transaction', async () => {
    const t = (
      await post('/api/Tickets', { summary: 'Needs notes', details: 'Opened by phone', user_id: f.userB1 })
    ).json();
    const missing = await post('/api/Actions', [
      { ticket_id: t.id, note_html: '<p>hi</p>', hiddenfromuser: true },
    ]);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().Message).toContain('An Outcome must be entered for this Action');
    const a = await post('/api/Actions', [
      { ticket_id: t.id, outcome_id: 7, note_html: '<p>Checked logs</p>', hiddenfromuser: true },
    ]);
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({
      ticket_id: t.id,
      outcome_id: 7,
      outcome: 'Internal Note',
      note: 'Checked logs',
      hiddenfromuser: true,
    });
    const closing = await post('/api/Actions', [
      { ticket_id: t.id, outcome_id: 6, note: 'Done', new_status: 9 },
    ]);
    expect(closing.json()).toMatchObject({ new_status: 9 });
    const ticket = (await app.inject({ method: 'GET', url: `/api/Tickets/${t.id}` })).json();
    expect(ticket).toMatchObject({ status_id: 9, hasbeenclosed: true });
    // A bad new_status rolls back the action too.
    const before = (await app.inject({ method: 'GET', url: `/api/Actions?ticket_id=${t.id}` })).json();
    expect(before.record_count).toBe(3);
    const bad = await post('/api/Actions', [{ ticket_id: t.id, outcome_id: 5, note: 'x', new_status: 999 }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('[0].new_status');
    const list = (await app.inject({ method: 'GET', url: `/api/Actions?ticket_id=${t.id}` })).json();
    expect(list.record_count).toBe(3);
    // The ticket's opening action comes first (Halo's action 1: outcome "Logged", the details as its note).
    expect(list.actions.map((x: { note: string }) => x.note)).toEqual([
      'Opened by phone',
      'Checked logs',
      'Done',
    ]);
    expect(list.actions[0]).toMatchObject({ outcome: 'Logged', hiddenfromuser: false });
    const openingId: number = list.actions[0].id;
    const one = await app.inject({ method: 'GET', url: `/api/Actions/${a.json().id}?ticket_id=${t.id}` });
    expect(one.json()).toMatchObject({ id: a.json().id, note_html: '<p>Checked logs</p>' });
    const upd = await post('/api/Actions', [
      { id: a.json().id, ticket_id: t.id, important: true, action_isresponse: true },
    ]);
    expect(upd.json()).toMatchObject({ id: a.json().id, important: true, outcome_id: 7 });
    // Halo numbers actions per ticket: {id: 1, ticket_id} is this ticket's first action (DRMM's style), even
    // though global action 1 belongs to another ticket here.
    expect(openingId).not.toBe(1);
    const first = await post('/api/Actions', [{ id: 1, ticket_id: t.id, important: true }]);
    expect(first.json()).toMatchObject({
      id: openingId,
      ticket_id: t.id,
      important: true,
      outcome: 'Logged',
    });
    const got = await app.inject({ method: 'GET', url: `/api/Actions/1?ticket_id=${t.id}` });
    expect(got.json()).toMatchObject({ id: openingId });
    expect((await post('/api/Actions', [{ id: 99, ticket_id: t.id, important: true }])).statusCode).toBe(404);
    const denied = await post(
      '/api/Actions',
      [{ ticket_id: t.id, outcome_id: 7, note: 'x' }],
      'tickets:read',
    );
    expect(denied.statusCode).toBe(403);
  });
});
