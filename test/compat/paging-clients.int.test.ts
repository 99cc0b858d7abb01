// Two more paging loops (halo-api.md §2.4) against a real server:
//  - QMEX (qmexnetworks/halopsa-api.ts paginate.ts, fixed against current Halo): page_no 1, 2, … until a
//    page answers record_count === 0, so a page past the end MUST be [] with record_count 0 or it never ends;
//    errors are read as {ClassName, Message}. It takes a ready-made bearer token.
//  - GO (bart-lute/halopsa-client-go): X-Halo-Api-Key, page_size 50, loops until the ECHOED
//    page_no * page_size >= record_count; without the echo it would fetch page 1 forever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompatServer, type CompatServer } from './support/compat-server.js';
import { Wire, expectStatus, form } from './support/http.js';

type Rec = Record<string, unknown> & { id: number };
const MAX_REQUESTS = 200; // far above what any loop here needs: a loop that runs away fails the test

describe('QMEX and Go client paging against a real server [sqlite]', () => {
  let server: CompatServer;
  const wire = new Wire();
  let bearer: string;
  let apiKey: string;

  beforeAll(async () => {
    server = await startCompatServer('sqlite', { clients: 1200 });
    const t = expectStatus(
      wire,
      await wire.send<{ access_token: string }>('POST', `${server.url}/auth/token`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form({
          grant_type: 'client_credentials',
          client_id: server.app.clientId,
          client_secret: server.app.clientSecret,
        }),
      }),
      200,
    );
    bearer = t.access_token;
    apiKey = await server.newApiKey('all');
  });
  afterAll(async () => {
    await server?.close();
  });

  // paginate.ts, as published.
  async function qmexPaginate(
    params: URLSearchParams,
    url: string,
    targetField: string,
    headers: Record<string, string>,
  ) {
    const objects: Rec[] = [];
    let requests = 0;
    for (let pageNumber = 1; pageNumber < 5000000; pageNumber++) {
      if (++requests > MAX_REQUESTS) throw new Error('QMEX paginate did not terminate');
      params.set('page_no', pageNumber.toString());
      const response = await wire.send<Record<string, unknown>>('GET', `${url}?${params.toString()}`, {
        headers,
      });
      if (response.status >= 400) {
        const { ClassName, Message } = response.body as { ClassName: string; Message: string };
        throw new Error(`Failed to fetch: ${response.status} (${ClassName}: ${Message})`);
      }
      objects.push(...(response.body[targetField] as Rec[]));
      if (response.body.record_count === 0) break;
    }
    return { objects, requests };
  }

  it('QMEX: page_size 500 over 1,200 clients ends on the empty page past the end, every client once', async () => {
    const params = new URLSearchParams({ pageinate: 'true', page_size: '500' });
    const { objects, requests } = await qmexPaginate(params, `${server.url}/api/Client`, 'clients', {
      Authorization: `Bearer ${bearer}`,
    });
    expect(requests).toBe(4); // 500 + 500 + 200, then [] with record_count 0
    expect(objects).toHaveLength(1200);
    expect(new Set(objects.map((c) => c.id))).toEqual(new Set(server.seed.clientIds));
  });

  it('QMEX: every paged entity answers a page past the end with [] and record_count 0', async () => {
    const clientId = server.seed.clientIds[0] ?? 0;
    await wire.send('POST', `${server.url}/api/Tickets`, {
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify([{ summary: 'paging', client_id: clientId }]),
    });
    for (const [path, key] of [
      ['Client', 'clients'],
      ['Site', 'sites'],
      ['Users', 'users'],
      ['Tickets', 'tickets'],
      ['Asset', 'assets'],
      ['Agent', 'agents'],
      ['SoftwareLicence', 'licences'],
    ] as const) {
      const res = expectStatus(
        wire,
        await wire.send<Record<string, unknown>>(
          'GET',
          `${server.url}/api/${path}?pageinate=true&page_size=500&page_no=99`,
          { headers: { Authorization: `Bearer ${bearer}` } },
        ),
        200,
      );
      expect(res, path).toMatchObject({ record_count: 0, [key]: [] });
    }
  });

  it('QMEX fetchAssets: pageinate=false&page_size=500&includecolumns=true&columns_id=8&client_id= reads {assets}; updateAsset POSTs the read object back; deleteAsset', async () => {
    const clientId = server.seed.clientIds[7] ?? 0;
    const created = expectStatus(
      wire,
      await wire.send<Rec>('POST', `${server.url}/api/asset`, {
        headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
        body: JSON.stringify([
          {
            inventory_number: 'QMEX-1',
            client_id: clientId,
            assettype_id: 1,
            fields: [{ name: 'MAC', value: 'aa:bb' }],
          },
        ]),
      }),
      201,
    );
    const params = new URLSearchParams({
      pageinate: 'false',
      page_size: '500',
      includecolumns: 'true',
      columns_id: '8',
      client_id: String(clientId),
    });
    const res = expectStatus(
      wire,
      await wire.send<{ assets: Rec[] }>('GET', `${server.url}/api/asset?${params.toString()}`, {
        headers: { Authorization: `Bearer ${bearer}` },
      }),
      200,
    );
    expect(res.assets.map((a) => a.id)).toEqual([created.id]);

    // updateAsset: the object as read, one field changed, POSTed back whole in an array.
    const asRead = res.assets[0] as Rec & { fields: { name: string; value: unknown }[] };
    const changed = {
      ...asRead,
      fields: asRead.fields.map((f) => (f.name === 'MAC' ? { ...f, value: 'cc:dd' } : f)),
    };
    const updated = expectStatus(
      wire,
      await wire.send<Rec & { fields: { name: string; value: unknown }[] }>(
        'POST',
        `${server.url}/api/Asset`,
        {
          headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
          body: JSON.stringify([changed]),
        },
      ),
      201,
    );
    expect(updated).toMatchObject({ id: created.id, inventory_number: 'QMEX-1', client_id: clientId });
    expect(updated.fields.find((f) => f.name === 'MAC')?.value).toBe('cc:dd');
    // deleteAsset
    expectStatus(
      wire,
      await wire.send('DELETE', `${server.url}/api/Asset/${created.id}`, {
        headers: { Authorization: `Bearer ${bearer}` },
      }),
      200,
    );
  });

  it('Go client: X-Halo-Api-Key, loops until echoed page_no * page_size >= record_count (50 per page, and 5000 clamped)', async () => {
    for (const requested of [50, 5000]) {
      const all: Rec[] = [];
      let page = 1;
      let requests = 0;
      for (;;) {
        if (++requests > MAX_REQUESTS) throw new Error('Go loop did not terminate');
        const res = expectStatus(
          wire,
          await wire.send<{ page_no: number; page_size: number; record_count: number; clients: Rec[] }>(
            'GET',
            `${server.url}/api/Client?pageinate=true&page_size=${requested}&page_no=${page}`,
            { headers: { 'X-Halo-Api-Key': apiKey, Accept: 'application/json' } },
          ),
          200,
        );
        all.push(...res.clients);
        if (res.page_no * res.page_size >= res.record_count) break;
        page = res.page_no + 1;
      }
      expect(requests, `page_size ${requested}`).toBe(requested === 50 ? 24 : 2);
      expect(new Set(all.map((c) => c.id))).toEqual(new Set(server.seed.clientIds));
      expect(all).toHaveLength(1200);
    }
    // GO decodes /Lookup into []Lookup.
    const lookups = expectStatus(
      wire,
      await wire.send<Rec[]>('GET', `${server.url}/api/Lookup?lookupid=27`, {
        headers: { 'X-Halo-Api-Key': apiKey },
      }),
      200,
    );
    expect(lookups.map((l) => l.name)).toEqual(['High', 'Medium', 'Low']);
  });
});
