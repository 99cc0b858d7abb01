// Datto RMM alert → HaloPSA ticket (lwhitelock/DattoRMM-Alert-HaloPSA Receive-Alert/run.ps1, through the
// HaloAPI PowerShell module; halo-api.md §4.5) minus the SQL /Report calls, which cannot be emulated:
// New-HaloTicket with site_id, assets:[{id}], inventory_number, priority_id (a string: PS hashtable values),
// status_id and customfields; Set-HaloTicket [{id, status_id}] on the recurring parent; Set-HaloAction
// ({id: 1, ticket_id}: GET /actions/1?ticket_id= then POST) and New-HaloAction (mark responded).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompatServer, type CompatServer } from './support/compat-server.js';
import { Wire, expectStatus, form } from './support/http.js';

type Rec = Record<string, unknown> & { id: number };
const PS_CONTENT_TYPE = 'application/json; charset=utf-8';

describe('Datto RMM alert function against a real server [sqlite]', () => {
  let server: CompatServer;
  const wire = new Wire();
  let headers: Record<string, string>;
  const api = <T>(method: string, path: string, body?: unknown) =>
    wire.send<T>(method, `${server.url}/api/${path}`, {
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  let device: { did: number; dsite: number; dinvno: string };
  let childId = 0;
  beforeAll(async () => {
    server = await startCompatServer('sqlite', { clients: 50 });
    // Connect-HaloAPI -Scopes "all"
    const info = expectStatus(
      wire,
      await wire.send<{ auth_url: string }>('GET', `${server.url}/api/authinfo`),
      200,
    );
    const token = expectStatus(
      wire,
      await wire.send<{ token_type: string; access_token: string }>('POST', `${info.auth_url}/token`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form({
          grant_type: 'client_credentials',
          client_id: server.app.clientId,
          client_secret: server.app.clientSecret,
          scope: 'all',
        }),
      }),
      200,
    );
    headers = { authorization: `${token.token_type} ${token.access_token}`, 'content-type': PS_CONTENT_TYPE };
    expectStatus(wire, await api<Rec[]>('GET', 'lookup?lookupid=11'), 200);
    // The device the alert is about (what the script's device report maps the Datto device UID to).
    const clientId = server.seed.clientIds[4] ?? 0;
    const [asset] = expectStatus(
      wire,
      await api<Rec[]>('POST', 'Asset', [
        {
          inventory_number: 'ALPHA-PC-042',
          client_id: clientId,
          site_id: server.seed.mainSite.get(clientId),
          assettype_id: 1,
        },
      ]).then((r) => ({ ...r, body: [r.body as unknown as Rec] })),
      201,
    );
    device = { did: asset?.id ?? 0, dsite: Number(asset?.site_id), dinvno: 'ALPHA-PC-042' };
  });
  afterAll(async () => {
    await server?.close();
  });

  it("opens a ticket on the device's site with the asset and priority (custom fields accepted, not stored), re-statuses the parent, lists by asset", async () => {
    const create = (extra: Record<string, unknown>) => ({
      summary: 'ALPHA-PC-042: C: drive 95% full',
      tickettype_id: 4,
      inventory_number: device.did,
      details_html: '<h1>Disk usage alert</h1><p>C: Drive has 452 GB used out of 476 GB</p>',
      site_id: device.dsite,
      assets: [{ id: device.did }],
      priority_id: '2',
      status_id: 1,
      customfields: [
        { id: 202, value: 'Disk Usage' },
        { id: 210, value: 'f8584511-1cf3-4731-af28-6c6b977fd956' },
      ],
      ...extra,
    });
    // New-HaloTicket: POST api/tickets (ConvertTo-Json -AsArray)
    const first = expectStatus(wire, await api<Rec>('POST', 'tickets', [create({})]), 201);
    expect(first).toMatchObject({
      site_id: device.dsite,
      priority_id: 2,
      status_id: 1,
      tickettype_id: 4,
      summary: 'ALPHA-PC-042: C: drive 95% full',
    });
    const stored = expectStatus(
      wire,
      await api<Rec & { assets?: { id: number }[] }>('GET', `tickets/${first.id}`),
      200,
    );
    expect(stored.client_id).toBe(server.seed.clientIds[4]); // derived from the site
    expect((stored.assets ?? []).map((a) => a.id)).toEqual([device.did]);

    // A recurrence within the window: Set-HaloTicket on the parent (GET then POST [{id, status_id}]), child with parent_id.
    expectStatus(wire, await api('GET', `tickets/${first.id}`), 200);
    const parent = expectStatus(
      wire,
      await api<Rec>('POST', 'tickets', [{ id: first.id, status_id: 3 }]),
      201,
    );
    expect(parent).toMatchObject({ id: first.id, status_id: 3, priority_id: 2, site_id: device.dsite });
    const child = expectStatus(
      wire,
      await api<Rec>('POST', 'tickets', [create({ parent_id: first.id })]),
      201,
    );
    expect(child.id).not.toBe(first.id);

    // The alert's ticket list by device shows both.
    const byAsset = expectStatus(
      wire,
      await api<{ tickets: Rec[] }>('GET', `tickets?asset_id=${device.did}`),
      200,
    );
    expect(byAsset.tickets.map((t) => t.id).sort()).toEqual([first.id, child.id].sort());
    childId = child.id;
  });

  it('New-HaloAction without an outcome (mark responded) gets Halo\'s "An Outcome must be entered" 400 and changes nothing', async () => {
    // halo-api.md §3.7: outcome_id is required (CIPP works around the same message with outcome 7).
    const res = await api<{ ClassName: string; Message: string }>('POST', 'actions', [
      { ticket_id: childId, action_isresponse: true, validate_response: true, sendemail: false },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.Message).toMatch(/An Outcome must be entered for this Action/);
  });

  // Halo logs a first action when a ticket is created, and the script's Set-HaloAction reads it as
  // GET /actions/1?ticket_id= before updating it: Tributary opens every ticket with a "Logged" action too.
  it('Set-HaloAction {id: 1, ticket_id, important, action_isresponse} on a fresh ticket', async () => {
    // Set-HaloAction {id: 1, ticket_id, important, action_isresponse}: Get-HaloAction first, then POST.
    const firstAction = expectStatus(wire, await api<Rec>('GET', `actions/1?ticket_id=${childId}`), 200);
    expect(firstAction.ticket_id).toBe(childId);
    const marked = expectStatus(
      wire,
      await api<Rec>('POST', 'actions', [
        { id: 1, ticket_id: childId, important: true, action_isresponse: true },
      ]),
      201,
    );
    expect(marked).toMatchObject({ id: firstAction.id, ticket_id: childId, important: true });
  });
});
