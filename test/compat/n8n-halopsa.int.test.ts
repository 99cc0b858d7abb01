// n8n's built-in HaloPSA node (n8n-nodes-base HaloPSA/GenericFunctions + descriptions; halo-api.md §1.3,
// §1.4, §2.1–2.4) replayed over real HTTP: its token request (hidden scope "admin edit:tickets edit:customers",
// `?tenant=` with an empty value), dropdown loaders that call `.map` on /agent and /TicketType, `count=`
// lists destructured as {clients} {sites} {tickets} {users}, create/update/delete, and haloPSAApiRequestAllItems
// (page_size 100, `while (returned.length < record_count)`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompatServer, type CompatServer } from './support/compat-server.js';
import { Wire, expectStatus, form } from './support/http.js';

type Rec = Record<string, unknown> & { id: number };

describe('n8n HaloPSA node against a real server [sqlite]', () => {
  let server: CompatServer;
  const wire = new Wire();
  let headers: Record<string, string>;
  let resourceApiUrl: string;

  beforeAll(async () => {
    server = await startCompatServer('sqlite', { clients: 1200 });
    resourceApiUrl = `${server.url}/api`;
  });
  afterAll(async () => {
    await server?.close();
  });

  // haloPSAApiRequest: these headers on every call; the body is dropped when empty; json: true.
  const api = <T>(
    method: string,
    resource: string,
    qs: Record<string, string | number | boolean> = {},
    body?: unknown,
  ) => {
    const query = new URLSearchParams(
      Object.entries(qs).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    return wire.send<T>(method, `${resourceApiUrl}${resource}${query ? `?${query}` : ''}`, {
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  };
  const allItems = async (
    property: string,
    resource: string,
    qs: Record<string, string | number | boolean> = {},
  ) => {
    const returnData: Rec[] = [];
    const query: Record<string, string | number | boolean> = {
      ...qs,
      page_size: 100,
      page_no: 1,
      pageinate: true,
    };
    let response: Record<string, unknown>;
    let requests = 0;
    do {
      response = expectStatus(wire, await api<Record<string, unknown>>('GET', resource, query), 200);
      returnData.push(...(response[property] as Rec[]));
      query.page_no = Number(query.page_no) + 1;
      if (++requests > 1000) throw new Error('the all-items loop did not terminate');
    } while (returnData.length < Number(response.record_count));
    return { returnData, requests };
  };

  it('credential test: token with scope "admin edit:tickets edit:customers" at {authUrl}/token?tenant=', async () => {
    const tokens = expectStatus(
      wire,
      await wire.send<{ token_type: string; access_token: string; scope: string }>(
        'POST',
        `${server.url}/auth/token?tenant=`,
        {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form({
            client_id: server.app.clientId,
            client_secret: server.app.clientSecret,
            grant_type: 'client_credentials',
            scope: 'admin edit:tickets edit:customers',
          }),
        },
      ),
      200,
    );
    expect(tokens.access_token).toBeTruthy();
    headers = {
      authorization: `Bearer ${tokens.access_token}`,
      'user-agent': 'https://n8n.io',
      accept: '*/*',
      'accept-encoding': 'gzip, deflate, br',
      'content-type': 'application/json',
    };
  });

  it('dropdowns: GET /agent and /TicketType are arrays (the node calls .map on them)', async () => {
    const agents = expectStatus(wire, await api<Rec[]>('GET', '/agent'), 200);
    const options = agents.map((a) => ({ name: a.name, value: a.id }));
    expect(options).toEqual(expect.arrayContaining([{ name: 'Alice Analyst', value: server.seed.agentId }]));
    const types = expectStatus(wire, await api<Rec[]>('GET', '/TicketType'), 200);
    expect(types.map((t) => ({ name: t.name, value: t.id }))).toEqual(
      expect.arrayContaining([{ name: 'Incident', value: 1 }]),
    );
  });

  it('getAll with a limit: count= lists are wrappers the node destructures; unknown activeStatus is tolerated', async () => {
    const active = { includeinactive: false, includeactive: true, activeStatus: 'active' };
    const { clients } = expectStatus(
      wire,
      await api<{ clients: Rec[] }>('GET', '/client', { ...active, count: 7 }),
      200,
    );
    expect(clients).toHaveLength(7);
    const { sites } = expectStatus(
      wire,
      await api<{ sites: Rec[] }>('GET', '/site', { ...active, count: 5 }),
      200,
    );
    expect(sites).toHaveLength(5);
    expect(sites[0]).toMatchObject({ id: expect.any(Number), name: 'Main', client_id: expect.any(Number) });
    const { users } = expectStatus(
      wire,
      await api<{ users: Rec[] }>('GET', '/users', { ...active, count: 4 }),
      200,
    );
    expect(users).toHaveLength(4);
    expect(users[0]).toMatchObject({
      id: expect.any(Number),
      name: expect.any(String),
      site_id: expect.any(Number),
      emailaddress: expect.any(String),
    });
    const { tickets } = expectStatus(
      wire,
      await api<{ tickets: Rec[] }>('GET', '/tickets', { count: 3 }),
      200,
    );
    expect(Array.isArray(tickets)).toBe(true);
  });

  it('ticket create [{tickettype_id, summary, details, agent_id}], partial update [{id, summary}], get, delete', async () => {
    const created = expectStatus(
      wire,
      await api<Rec>('POST', '/tickets', {}, [
        { tickettype_id: 1, summary: 'From n8n', details: 'workflow 12', agent_id: server.seed.agentId },
      ]),
      201,
    );
    expect(created).toMatchObject({
      summary: 'From n8n',
      details: 'workflow 12',
      agent_id: server.seed.agentId,
      tickettype_id: 1,
    });
    const updated = expectStatus(
      wire,
      await api<Rec>('POST', '/tickets', {}, [{ id: created.id, summary: 'From n8n (edited)' }]),
      201,
    );
    expect(updated).toMatchObject({
      id: created.id,
      summary: 'From n8n (edited)',
      details: 'workflow 12',
      agent_id: server.seed.agentId,
    });
    const got = expectStatus(wire, await api<Rec>('GET', `/tickets/${created.id}`), 200);
    expect(got.summary).toBe('From n8n (edited)');
    const deleted = expectStatus(wire, await api<Rec>('DELETE', `/tickets/${created.id}`), 200);
    // The node reports { success: true } when the DELETE result has an id.
    expect(deleted.id).toBe(created.id);
    expect((await api('GET', `/tickets/${created.id}`)).status).toBe(404);
  });

  it('client and user create/update/delete as the node sends them', async () => {
    const client = expectStatus(
      wire,
      await api<Rec>('POST', '/client', {}, [
        { name: 'n8n Client', notes: 'made by n8n', is_vip: true, website: 'https://n8n.example' },
      ]),
      201,
    );
    expect(client).toMatchObject({ name: 'n8n Client', is_vip: true });
    expectStatus(
      wire,
      await api<Rec>('POST', '/client', {}, [{ id: client.id, name: 'n8n Client Renamed' }]),
      201,
    );
    const siteId = Number(client.main_site_id);
    const user = expectStatus(
      wire,
      await api<Rec>('POST', '/users', {}, [
        { name: 'Nate Node', site_id: siteId, emailaddress: 'nate@n8n.example', surname: 'Node' },
      ]),
      201,
    );
    expect(user).toMatchObject({ name: 'Nate Node', site_id: siteId, client_id: client.id });
    expect(expectStatus(wire, await api<Rec>('DELETE', `/users/${user.id}`), 200).id).toBe(user.id);
    expect(expectStatus(wire, await api<Rec>('DELETE', `/client/${client.id}`), 200).id).toBe(client.id);
  });

  it('getAll with returnAll: page_size 100 until fetched >= record_count returns every client exactly once', async () => {
    const { returnData, requests } = await allItems('clients', '/client', {
      includeinactive: false,
      includeactive: true,
      activeStatus: 'active',
    });
    expect(requests).toBe(12);
    const ids = returnData.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(server.seed.clientIds));
  });
});
