// ConnectSecure / CyberCNS (closed source; its KB and halo-api.md §4.1): the user types a bare Domain
// ("do not include https or /API") and an Authorisation Server host WITH a path ("do not use https"), and the
// tool builds http://{authServer}/token?tenant={tenant} and http://{domain}/api/... itself. Replayed: company
// import, the ticket-template dropdowns, a ticket created with the team NAME and closed with
// [{id, status_id: <close status>}], and the asset sync (POST /api/Asset array).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompatServer, type CompatServer } from './support/compat-server.js';
import { Wire, expectStatus, form } from './support/http.js';

type Rec = Record<string, unknown> & { id: number };

describe('ConnectSecure HaloPSA integration against a real server [sqlite]', () => {
  let server: CompatServer;
  const wire = new Wire();
  // What the user types into ConnectSecure's settings page.
  let settings: {
    domain: string;
    authServer: string;
    tenant: string;
    clientId: string;
    clientSecret: string;
  };
  let token = '';
  const call = <T>(method: string, path: string, body?: unknown) =>
    wire.send<T>(method, `http://${settings.domain}/api/${path}`, {
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    server = await startCompatServer('sqlite', { clients: 1200 });
    settings = {
      domain: server.host,
      authServer: `${server.host}/auth`,
      tenant: 'tributary',
      clientId: server.app.clientId,
      clientSecret: server.app.clientSecret,
    };
  });
  afterAll(async () => {
    await server?.close();
  });

  it('connects with a bare domain and an auth server host with a path', async () => {
    const res = expectStatus(
      wire,
      await wire.send<{ access_token: string; token_type: string }>(
        'POST',
        `http://${settings.authServer}/token?tenant=${settings.tenant}`,
        {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form({
            grant_type: 'client_credentials',
            client_id: settings.clientId,
            client_secret: settings.clientSecret,
            scope: 'all',
          }),
        },
      ),
      200,
    );
    token = res.access_token;
    expect(res.token_type).toBe('Bearer');
  });

  it('imports companies: /Client with search and paging reaches every client once', async () => {
    const seen: Rec[] = [];
    for (let page = 1; ; page++) {
      const res = expectStatus(
        wire,
        await call<{ clients: Rec[]; record_count: number }>(
          'GET',
          `Client?search=Compat&pageinate=true&page_size=250&page_no=${page}`,
        ),
        200,
      );
      seen.push(...res.clients);
      if (res.clients.length < 250) break;
    }
    expect(seen).toHaveLength(1200);
    expect(new Set(seen.map((c) => c.id)).size).toBe(1200);
  });

  let template: Record<string, number | string>;
  it('fills the default ticket template dropdowns (SLA, Priority, TicketType, Status, Team, Agent, Users, Category, Lookup)', async () => {
    const arrays: Record<string, Rec[]> = {};
    for (const path of [
      'SLA',
      'Priority',
      'TicketType',
      'Status',
      'Team',
      'Agent',
      'Category',
      'Lookup?lookupid=27',
      'Lookup?lookupid=28',
    ]) {
      const body = expectStatus(wire, await call<Rec[]>('GET', path), 200);
      expect(Array.isArray(body), path).toBe(true);
      expect(body.length, path).toBeGreaterThan(0);
      arrays[path] = body;
    }
    const clientId = server.seed.clientIds[3] ?? 0;
    const { users } = expectStatus(
      wire,
      await call<{ users: Rec[] }>('GET', `Users?client_id=${clientId}`),
      200,
    );
    expect(users.length).toBe(3);
    const pick = (path: string, pred: (r: Rec) => boolean) => {
      const found = arrays[path]?.find(pred);
      if (!found) throw new Error(`nothing to pick in ${path}`);
      return found;
    };
    template = {
      sla_id: pick('SLA', () => true).id,
      priority_id: pick('Priority', (p) => p.name === 'High').id,
      tickettype_id: pick('TicketType', (t) => t.name === 'Incident').id,
      status_open: pick('Status', (s) => s.name === 'New').id,
      status_close: pick('Status', (s) => s.name === 'Closed').id,
      team: String(pick('Team', (t) => t.name === server.seed.teamName).name),
      agent_id: pick('Agent', (a) => a.name === 'Alice Analyst').id,
      category_1: String(pick('Category', (c) => Number(c.type_id ?? 1) === 1).value),
      urgency: pick('Lookup?lookupid=27', (l) => l.name === 'High').id,
      impact: pick('Lookup?lookupid=28', (l) => l.name === 'Single user').id,
      client_id: clientId,
      site_id: server.seed.mainSite.get(clientId) ?? 0,
      user_id: users[0]?.id ?? 0,
    };
  });

  it('creates a vulnerability ticket with the team NAME, adds a note, and closes it with the close status', async () => {
    const t = template;
    const created = expectStatus(
      wire,
      await call<Rec>('POST', 'Tickets', [
        {
          summary: 'CVE-2024-3400 on FW-01',
          details_html: '<p>Critical vulnerability found by ConnectSecure</p>',
          client_id: t.client_id,
          site_id: t.site_id,
          user_id: t.user_id,
          tickettype_id: t.tickettype_id,
          sla_id: t.sla_id,
          priority_id: t.priority_id,
          status_id: t.status_open,
          team: t.team,
          agent_id: t.agent_id,
          category_1: t.category_1,
          urgency: t.urgency,
          impact: t.impact,
        },
      ]),
      201,
    );
    expect(created).toMatchObject({
      team: t.team,
      agent_id: t.agent_id,
      priority_id: t.priority_id,
      category_1: t.category_1,
      client_id: t.client_id,
      hasbeenclosed: false,
    });
    const note = expectStatus(
      wire,
      await call<Rec>('POST', 'Actions', [
        { ticket_id: created.id, outcome_id: 7, note: 'Rescan scheduled', hiddenfromuser: true },
      ]),
      201,
    );
    expect(note.ticket_id).toBe(created.id);
    const closed = expectStatus(
      wire,
      await call<Rec>('POST', 'Tickets', [{ id: created.id, status_id: t.status_close }]),
      201,
    );
    expect(closed).toMatchObject({
      id: created.id,
      status_id: t.status_close,
      hasbeenclosed: true,
      team: t.team,
      summary: 'CVE-2024-3400 on FW-01',
    });
  });

  it('sends assets: POST /api/Asset with an array, then finds them by client', async () => {
    const clientId = Number(template.client_id);
    const types = expectStatus(wire, await call<Rec[]>('GET', 'AssetType'), 200);
    const server_ = types.find((x) => x.name === 'Server');
    const assets = expectStatus(
      wire,
      await call<Rec[]>('POST', 'Asset', [
        {
          inventory_number: 'CS-FW-01',
          client_id: clientId,
          site_id: template.site_id,
          assettype_id: types.find((x) => x.name === 'Firewall')?.id,
          fields: [{ name: 'IP Address', value: '10.0.0.1' }],
        },
        {
          inventory_number: 'CS-SRV-01',
          client_id: clientId,
          assettype_id: server_?.id,
          fields: [{ name: 'OS', value: 'Windows Server 2022' }],
        },
      ]),
      201,
    );
    expect(Array.isArray(assets)).toBe(true);
    expect(assets.map((a) => a.inventory_number)).toEqual(['CS-FW-01', 'CS-SRV-01']);
    const listed = expectStatus(
      wire,
      await call<{ assets: Rec[]; record_count: number }>(
        'GET',
        `Asset?client_id=${clientId}&pageinate=true&page_size=50&page_no=1`,
      ),
      200,
    );
    expect(listed.record_count).toBe(2);
    expect(listed.assets.map((a) => a.inventory_number).sort()).toEqual(['CS-FW-01', 'CS-SRV-01']);
  });
});
