// HaloAPI PowerShell module (homotechsual/HaloAPI; halo-api.md §1.2, §4.3) replayed over real HTTP:
// Connect-HaloAPI (authinfo → token → lookup 11), Get-HaloClient -Search with its auto-paging loop,
// New-/Set-/Remove-HaloTicket. Invoke-HaloRequest sends Content-Type: application/json; charset=utf-8 on
// every request, GET and DELETE included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compatDialects, startCompatServer, type CompatServer } from './support/compat-server.js';
import { Wire, expectStatus, form } from './support/http.js';

const PS_CONTENT_TYPE = 'application/json; charset=utf-8';
const DEFAULT_PAGE_SIZE = 1000; // $Script:HAPIDefaultPageSize

for (const dialect of await compatDialects()) {
  describe(`HaloAPI PowerShell module against a real server [${dialect}]`, () => {
    let server: CompatServer;
    const wire = new Wire();
    let headers: Record<string, string>;

    beforeAll(async () => {
      server = await startCompatServer(dialect, { clients: 1200 });
    });
    afterAll(async () => {
      await server?.close();
    });

    it('Connect-HaloAPI: authinfo without a token, token from {auth_url}/token?tenant=, lookup 11 not empty', async () => {
      const info = expectStatus(
        wire,
        await wire.send<{ auth_url: string; tenant_id?: string }>('GET', `${server.url}/api/authinfo`),
        200,
      );
      expect(info.auth_url).toBe(`${server.url}/auth`);
      const tenant = info.tenant_id ?? 'tributary';
      const token = expectStatus(
        wire,
        await wire.send<{ token_type: string; access_token: string; expires_in: number }>(
          'POST',
          `${info.auth_url}/token?tenant=${tenant}`,
          {
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: form({
              grant_type: 'client_credentials',
              client_id: server.app.clientId,
              client_secret: server.app.clientSecret,
              scope: 'all',
            }),
          },
        ),
        200,
      );
      expect(token.token_type).toBe('Bearer'); // PS builds "$($Token.Type) $($Token.Access)"
      expect(token.expires_in).toBeGreaterThan(60);
      headers = {
        authorization: `${token.token_type} ${token.access_token}`,
        'content-type': PS_CONTENT_TYPE,
      };
      const types = expectStatus(
        wire,
        await wire.send<{ id: number; name: string }[]>('GET', `${server.url}/api/lookup?lookupid=11`, {
          headers,
        }),
        200,
      );
      expect(Array.isArray(types)).toBe(true);
      expect(types.length).toBeGreaterThan(0); // else "Could not retrieve lookup types from Halo"
      expect(types.map((t) => t.name)).toEqual(expect.arrayContaining(['Urgency', 'Impact']));
    });

    it('Get-HaloClient -Search pages with page_size=1000 until page_no > ceil(record_count / 1000) and gets every client once', async () => {
      const all: { id: number; name: string }[] = [];
      let pageNo = 1;
      let numPages = 1;
      const seenPageSizes: number[] = [];
      do {
        const res = expectStatus(
          wire,
          await wire.send<{
            record_count: number;
            page_size: number;
            page_no: number;
            clients: { id: number; name: string }[];
          }>(
            'GET',
            `${server.url}/api/client?search=Compat%20Client&pageinate=true&page_size=${DEFAULT_PAGE_SIZE}&page_no=${pageNo}`,
            { headers },
          ),
          200,
        );
        // The module divides by the page size it ASKED for, not the echoed one: a server capping below 1000 loses records.
        numPages = Math.ceil(res.record_count / DEFAULT_PAGE_SIZE);
        seenPageSizes.push(res.page_size);
        all.push(...res.clients);
        pageNo++;
      } while (pageNo <= numPages);
      expect(pageNo - 1).toBe(2);
      expect(seenPageSizes).toEqual([1000, 1000]);
      expect(all).toHaveLength(1200);
      expect(new Set(all.map((c) => c.id)).size).toBe(1200);
      expect(new Set(all.map((c) => c.id))).toEqual(new Set(server.seed.clientIds));
    });

    it('Set-HaloTicket / Set-HaloClient / Set-HaloUser with the whole object as read (Get-…, change one property, Set-…)', async () => {
      const clientId = server.seed.clientIds[5] ?? 0;
      const userId = server.seed.users.get(server.seed.clientIds[0] ?? 0)?.[0] ?? 0;
      const asset = expectStatus(
        wire,
        await wire.send<{ id: number }>('POST', `${server.url}/api/asset`, {
          headers,
          body: JSON.stringify([
            { inventory_number: 'PS-RT-1', client_id: server.seed.clientIds[0], assettype_id: 1 },
          ]),
        }),
        201,
      );
      const created = expectStatus(
        wire,
        await wire.send<{ id: number }>('POST', `${server.url}/api/tickets`, {
          headers,
          body: JSON.stringify([
            {
              summary: 'round trip',
              details: 'keep me',
              user_id: userId,
              team: server.seed.teamName,
              agent_id: server.seed.agentId,
              category_1: 'Hardware',
              urgency: 1,
              impact: 4,
              assets: [{ id: asset.id }],
            },
          ]),
        }),
        201,
      );
      for (const [path, change] of [
        [`tickets/${created.id}`, { summary: 'round trip (edited)' }],
        [`client/${clientId}`, { notes: 'edited by PS' }],
        [`users/${userId}`, { phonenumber: '+44 20 7946 0000' }],
      ] as const) {
        const read = expectStatus(
          wire,
          await wire.send<Record<string, unknown>>('GET', `${server.url}/api/${path}?includedetails=true`, {
            headers,
          }),
          200,
        );
        const collection = path.split('/')[0] ?? '';
        const saved = await wire.send<Record<string, unknown>>('POST', `${server.url}/api/${collection}`, {
          headers,
          body: JSON.stringify([{ ...read, ...change }]),
        });
        expect(saved.status, `${path}: ${saved.text.slice(0, 400)}`).toBe(201);
        const again = expectStatus(
          wire,
          await wire.send<Record<string, unknown>>('GET', `${server.url}/api/${path}?includedetails=true`, {
            headers,
          }),
          200,
        );
        expect(again).toMatchObject(change);
        // Nothing else moved.
        const { updated_at: _a, last_update: _b, ...before } = read;
        const { updated_at: _c, last_update: _d, ...after } = again;
        expect(after).toEqual({ ...before, ...change });
      }
    });

    it('New-HaloTicket, Set-HaloTicket (GET then POST array, partial), Remove-HaloTicket (GET then DELETE)', async () => {
      const clientId = server.seed.clientIds[0] ?? 0;
      // ConvertTo-Json -AsArray of the caller's object.
      const created = expectStatus(
        wire,
        await wire.send<{
          id: number;
          summary: string;
          client_id: number;
          status_id: number;
          details: string;
        }>('POST', `${server.url}/api/tickets`, {
          headers,
          body: JSON.stringify([
            { summary: 'Printer on fire', details: 'Second floor', client_id: clientId, tickettype_id: 1 },
          ]),
        }),
        201,
      );
      expect(created.id).toBeGreaterThan(0);
      expect(created.client_id).toBe(clientId);

      const existing = expectStatus(
        wire,
        await wire.send<{ id: number }>('GET', `${server.url}/api/tickets/${created.id}`, { headers }),
        200,
      );
      expect(existing.id).toBe(created.id);
      const updated = expectStatus(
        wire,
        await wire.send<{ id: number; summary: string; details: string; client_id: number }>(
          'POST',
          `${server.url}/api/tickets`,
          {
            headers,
            body: JSON.stringify([{ id: created.id, summary: 'Printer on fire (contained)' }]),
          },
        ),
        201,
      );
      expect(updated).toMatchObject({
        id: created.id,
        summary: 'Printer on fire (contained)',
        details: 'Second floor',
        client_id: clientId,
      });

      expectStatus(wire, await wire.send('GET', `${server.url}/api/tickets/${created.id}`, { headers }), 200);
      // Invoke-WebRequest -ContentType with no body still sends the header (and an empty body).
      expectStatus(
        wire,
        await wire.send('DELETE', `${server.url}/api/tickets/${created.id}`, { headers, body: '' }),
        200,
      );
      expect((await wire.send('GET', `${server.url}/api/tickets/${created.id}`, { headers })).status).toBe(
        404,
      );
    });
  });
}
