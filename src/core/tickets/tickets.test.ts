import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import { createTicket } from './create-ticket.js';
import { updateTicket } from './update-ticket.js';
import { closeTicket } from './close-ticket.js';
import { deleteTicket } from './delete-ticket.js';
import { getTicket } from './get-ticket.js';
import { listTickets } from './list-tickets.js';
import { seedFixture, testCtx, type Fixture } from './testing.js';
import { htmlToText } from './text.js';
import { findTicketTypeId } from '../lookups/reference-cache.js';

const count = async (db: import('../../db/transaction.js').Db) =>
  Number(
    (
      await db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describeEachDialect('tickets', (get) => {
  let f: Fixture;
  const ctx = (agentId: number | null = null) => testCtx(get().db, 'all', agentId);

  it('creates with defaults from the ticket type and derives site and client from the user', async () => {
    f = await seedFixture(get().db);
    const t = await createTicket(ctx(f.agent), { summary: '  Printer jammed ', user_id: f.userA1 });
    expect(t).toMatchObject({
      summary: 'Printer jammed',
      tickettype_id: 1,
      tickettype_name: 'Incident',
      status_id: 1,
      status_name: 'New',
      sla_id: 1,
      priority_id: 3,
      client_id: f.customerA,
      site_id: f.siteA1,
      user_id: f.userA1,
      hasbeenclosed: false,
      dateclosed: null,
      created_by_agent_id: f.agent,
      fixbydate: expect.any(String),
      deleted: false,
    });
    expect(t.id).toBeGreaterThan(0);
    // Medium (priority 3) is 4 h to respond and 24 h to fix in the default SLA.
    expect(Date.parse(t.fixbydate!) - Date.parse(t.dateoccurred)).toBe(24 * 3_600_000);
    expect(Date.parse(t.respondbydate!) - Date.parse(t.dateoccurred)).toBe(4 * 3_600_000);
  });

  it('resolves team by name (and checks team_id against it), categories as strings, urgency and impact', async () => {
    const t = await createTicket(ctx(), {
      summary: 'VPN down',
      site_id: f.siteB1,
      team: 'No Such Team',
      agent_id: f.agent,
      category_1: 'Network',
      urgency: 1,
      impact: 4,
      tickettype_id: 4,
      priority_id: 1,
    }).catch((e: unknown) => e);
    // A team name that does not exist is a 400 naming `team`.
    expect(t).toMatchObject({ status: 400, details: [{ field: 'team' }] });
    const name = (
      await get()
        .db.selectFrom('teams')
        .select('name')
        .where('id', '=', f.teamNetwork)
        .executeTakeFirstOrThrow()
    ).name;
    const ok = await createTicket(ctx(), {
      summary: 'VPN down',
      site_id: f.siteB1,
      team: name.toUpperCase(),
      team_id: f.teamNetwork,
      agent_id: f.agent,
      category_1: 'Network',
      urgency: 1,
      impact: 4,
      tickettype_id: 4,
    });
    expect(ok).toMatchObject({
      team: name,
      team_id: f.teamNetwork,
      client_id: f.customerB,
      site_id: f.siteB1,
      user_id: null,
      category_1: 'Network',
      urgency: 1,
      impact: 4,
      priority_id: 2,
      agent_id: f.agent,
    });
    await expect(
      createTicket(ctx(), { summary: 'x', team: name, team_id: f.teamSupport }),
    ).rejects.toMatchObject({ details: [{ field: 'team_id' }] });
    await expect(createTicket(ctx(), { summary: 'x', urgency: 4 })).rejects.toMatchObject({
      details: [{ field: 'urgency' }],
    });
  });

  it('rejects a mismatched user/site/client combination with a 400 naming the field and writes nothing', async () => {
    const before = await count(get().db);
    await expect(
      createTicket(ctx(), { summary: 'x', user_id: f.userA1, site_id: f.siteA2 }),
    ).rejects.toMatchObject({ status: 400, details: [{ field: 'site_id' }] });
    await expect(
      createTicket(ctx(), { summary: 'x', user_id: f.userA1, client_id: f.customerB }),
    ).rejects.toMatchObject({ status: 400, details: [{ field: 'client_id' }] });
    await expect(
      createTicket(ctx(), { summary: 'x', site_id: f.siteB1, client_id: f.customerA }),
    ).rejects.toMatchObject({ status: 400, details: [{ field: 'client_id' }] });
    await expect(createTicket(ctx(), { summary: 'x', user_id: 999999 })).rejects.toMatchObject({
      status: 400,
      details: [{ field: 'user_id' }],
    });
    await expect(createTicket(ctx(), { summary: '' })).rejects.toMatchObject({
      status: 400,
      details: [{ field: 'summary' }],
    });
    await expect(createTicket(ctx(), { summary: 'x', tickettype_id: 999 })).rejects.toMatchObject({
      details: [{ field: 'tickettype_id' }],
    });
    await expect(createTicket(ctx(), { summary: 'x', status_id: 999 })).rejects.toMatchObject({
      details: [{ field: 'status_id' }],
    });
    expect(await count(get().db)).toBe(before);
  });

  it('refuses API-only and inactive agents', async () => {
    await expect(createTicket(ctx(), { summary: 'x', agent_id: f.apiAgent })).rejects.toMatchObject({
      status: 400,
      details: [{ field: 'agent_id', message: expect.stringContaining('API-only') }],
    });
    await expect(createTicket(ctx(), { summary: 'x', agent_id: f.inactiveAgent })).rejects.toMatchObject({
      status: 400,
      details: [{ field: 'agent_id' }],
    });
  });

  it('opens every ticket with its first action: outcome "Logged", the details as note, by the creating agent', async () => {
    const t = await createTicket(ctx(f.agent), {
      summary: 'Opening action',
      details: 'Screen flickers',
      user_id: f.userA1,
    });
    const outcome = await get()
      .db.selectFrom('outcomes')
      .selectAll()
      .where('name', '=', 'Logged')
      .executeTakeFirstOrThrow();
    expect(outcome).toMatchObject({ is_private: 0, inactive: 0 });
    const actions = await get()
      .db.selectFrom('ticket_actions')
      .selectAll()
      .where('ticket_id', '=', t.id)
      .execute();
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      outcome_id: outcome.id,
      note: 'Screen flickers',
      agent_id: f.agent,
      hidden_from_user: 0,
      important: 0,
      created_at: actions[0]?.updated_at,
    });
    // A rejected create writes neither the ticket nor an action.
    const before = await get().db.selectFrom('ticket_actions').select('id').execute();
    await expect(
      createTicket(ctx(f.agent), { summary: 'x', agent_id: f.inactiveAgent }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await get().db.selectFrom('ticket_actions').select('id').execute()).toHaveLength(before.length);
  });

  it('updates only the given fields; closing sets the closed date and re-opening clears it', async () => {
    const t = await createTicket(ctx(), { summary: 'Slow laptop', user_id: f.userA1, category_2: 'Laptop' });
    const u = await updateTicket(ctx(), t.id, { priority_id: 1 });
    expect(u).toMatchObject({
      summary: 'Slow laptop',
      priority_id: 1,
      user_id: f.userA1,
      category_2: 'Laptop',
      status_id: 1,
    });
    const closed = await updateTicket(ctx(), t.id, { status_id: 9 });
    expect(closed.hasbeenclosed).toBe(true);
    expect(closed.dateclosed).toEqual(expect.any(String));
    const reopened = await updateTicket(ctx(), t.id, { status_id: 2 });
    expect(reopened).toMatchObject({ hasbeenclosed: false, dateclosed: null, status_id: 2 });
    const viaClose = await closeTicket(ctx(), t.id, { note: 'Fixed by reboot' });
    expect(viaClose).toMatchObject({ status_id: 9, hasbeenclosed: true });
    const actions = await get()
      .db.selectFrom('ticket_actions')
      .selectAll()
      .where('ticket_id', '=', t.id)
      .execute();
    expect(actions).toHaveLength(2);
    expect(actions[1]).toMatchObject({ outcome_id: 7, hidden_from_user: 1, note: 'Fixed by reboot' });
    await expect(closeTicket(ctx(), t.id, { status_id: 2 })).rejects.toMatchObject({
      details: [{ field: 'status_id' }],
    });
  });

  it('moving a ticket to another site drops a user who is not there, and a user change moves site and client', async () => {
    const t = await createTicket(ctx(), { summary: 'Move', user_id: f.userA1 });
    const moved = await updateTicket(ctx(), t.id, { site_id: f.siteA2 });
    expect(moved).toMatchObject({ site_id: f.siteA2, client_id: f.customerA, user_id: null });
    const toB = await updateTicket(ctx(), t.id, { user_id: f.userB1 });
    expect(toB).toMatchObject({ user_id: f.userB1, site_id: f.siteB1, client_id: f.customerB });
    await expect(updateTicket(ctx(), t.id, { user_id: f.userA1, site_id: f.siteB1 })).rejects.toMatchObject({
      details: [{ field: 'site_id' }],
    });
    await expect(updateTicket(ctx(), 999999, { summary: 'x' })).rejects.toMatchObject({ status: 404 });
  });

  it('lists with filters and paging, and hides deleted tickets', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await createTicket(ctx(), {
            summary: `Batch item ${i}`,
            client_id: f.customerB,
            agent_id: i % 2 === 0 ? f.agent : null,
          })
        ).id,
      );
    const all = await listTickets(ctx(), { client_id: f.customerB });
    expect(all.items.length).toBeGreaterThanOrEqual(5);
    const page = await listTickets(
      ctx(),
      { client_id: f.customerB },
      { search: 'batch item', window: { kind: 'page', pageNo: 2, pageSize: 2 } },
    );
    expect(page.total).toBe(5);
    expect(page.items.map((t) => t.id)).toEqual(ids.slice(2, 4));
    const byAgent = await listTickets(
      ctx(),
      { client_id: f.customerB, agent_id: f.agent },
      { search: 'Batch' },
    );
    expect(byAgent.items.map((t) => t.id)).toEqual([ids[0], ids[2], ids[4]]);
    const byIds = await listTickets(ctx(), { ticketids: [ids[1]!, ids[3]!] });
    expect(byIds.items.map((t) => t.id)).toEqual([ids[1], ids[3]]);
    await updateTicket(ctx(), ids[0]!, { status_id: 9 });
    expect((await listTickets(ctx(), { ticketids: ids, closed_only: true })).items.map((t) => t.id)).toEqual([
      ids[0],
    ]);
    expect((await listTickets(ctx(), { ticketids: ids, open_only: true })).items).toHaveLength(4);
    await deleteTicket(ctx(), ids[1]!, 'duplicate');
    expect((await listTickets(ctx(), { ticketids: ids })).items.map((t) => t.id)).not.toContain(ids[1]);
    await expect(getTicket(ctx(), ids[1]!)).rejects.toMatchObject({ status: 404 });
    await expect(deleteTicket(ctx(), ids[1]!)).rejects.toMatchObject({ status: 404 });
    const row = await get()
      .db.selectFrom('tickets')
      .select('deleted')
      .where('id', '=', ids[1]!)
      .executeTakeFirstOrThrow();
    expect(row.deleted).toBe(1);
  });

  it('an integration opens an onboarding ticket by type name and closes it when done', async () => {
    const onboarding = await findTicketTypeId(get().db, 'onboarding');
    expect(onboarding).toBe(3);
    const t = await createTicket(ctx(f.agent), {
      summary: 'New starter: Jo Bloggs',
      tickettype_id: onboarding,
      user_id: f.userB1,
    });
    expect(t).toMatchObject({ tickettype_name: 'Onboarding', status_name: 'New', client_id: f.customerB });
    const closed = await closeTicket(ctx(f.agent), t.id, { note: 'Accounts created' });
    expect(closed).toMatchObject({ hasbeenclosed: true, status_id: 9 });
    expect(await findTicketTypeId(get().db, 'No such type')).toBeUndefined();
  });

  it('a status created elsewhere (another process, straight into the table) is usable at once', async () => {
    await createTicket(ctx(), { summary: 'warm the reference cache' });
    const now = new Date().toISOString();
    const { id } = await get()
      .db.insertInto('statuses')
      .values({ name: 'Parked', shortname: null, colour: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await createTicket(ctx(), { summary: 'parked', status_id: id })).toMatchObject({
      status_id: id,
      status_name: 'Parked',
    });
  });

  it('requires tickets permissions and writes nothing without them', async () => {
    const before = await count(get().db);
    await expect(
      createTicket(testCtx(get().db, ['tickets:read']), { summary: 'nope' }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(listTickets(testCtx(get().db, ['customers:read']), {})).rejects.toMatchObject({
      status: 403,
    });
    expect(await count(get().db)).toBe(before);
  });
});

describe('htmlToText', () => {
  it('turns HTML notes into text', () => {
    expect(htmlToText('<p>Hello&nbsp;<b>there</b></p><p>a &amp; b</p>')).toBe('Hello there\na & b');
    expect(htmlToText('plain')).toBe('plain');
  });
});
