// CIPP's HaloPSA extension (KelvinTegelaar/CIPP-API Modules/CippExtensions/Public/Halo/*.ps1; halo-api.md
// §4.4) replayed over real HTTP: Get-HaloToken, Get-HaloMapping's client loop (page_size 999), the ticket
// type / priority / outcome dropdowns, Get-HaloUser (advanced_search, then search=<email>), New-HaloPSATicket
// (one object in an array, userlookup, flags) and its consolidation path (GET ticket → .hasbeenclosed →
// POST /actions with outcome 7).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compatDialects, startCompatServer, type CompatServer } from './support/compat-server.js';
import { Wire, expectStatus, form } from './support/http.js';

type Rec = Record<string, unknown> & { id: number };

for (const dialect of await compatDialects()) {
  describe(`CIPP HaloPSA extension against a real server [${dialect}]`, () => {
    let server: CompatServer;
    const wire = new Wire();
    let resourceUrl: string;
    let token: string;
    const get = <T>(path: string) =>
      wire.send<T>('GET', `${resourceUrl}${path}`, {
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
    const post = <T>(path: string, body: unknown) =>
      wire.send<T>('POST', `${resourceUrl}${path}`, {
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
      });

    beforeAll(async () => {
      server = await startCompatServer(dialect, { clients: 1200 });
      resourceUrl = `${server.url}/api`;
      const res = expectStatus(
        wire,
        await wire.send<{ access_token: string }>('POST', `${server.url}/auth/token?tenant=contoso`, {
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
      token = res.access_token;
    });
    afterAll(async () => {
      await server?.close();
    });

    it('Get-HaloMapping: /Client?page_no=i&page_size=999&pageinate=true while i <= ceil(record_count/999) lists every client once', async () => {
      const companies: Rec[] = [];
      let i = 1;
      let pagecount = 0;
      do {
        const result = expectStatus(
          wire,
          await get<{ clients: Rec[]; record_count: number }>(
            `/Client?page_no=${i}&page_size=999&pageinate=true`,
          ),
          200,
        );
        companies.push(...result.clients);
        i++;
        pagecount = Math.ceil(result.record_count / 999);
      } while (i <= pagecount);
      expect(i - 1).toBe(2);
      expect(companies.map((c) => c.id).sort((a, b) => a - b)).toEqual(
        [...server.seed.clientIds].sort((a, b) => a - b),
      );
    });

    it("dropdowns: /TicketType?showall=true, priorities of the type's SLA, outcomes of the type's workflow", async () => {
      const types = expectStatus(wire, await get<Rec[]>('/TicketType?showall=true'), 200);
      expect(Array.isArray(types)).toBe(true);
      const incident = types.find((t) => t.name === 'Incident');
      expect(incident).toBeDefined();

      // Get-HaloPriority
      const type = expectStatus(wire, await get<Rec>(`/tickettype/${incident?.id}`), 200);
      const slaId = ['default_sla', 'default_sla_id', 'sla_id', 'slaid', 'sla']
        .map((f) => Number(type[f]))
        .find((v) => v > 0);
      expect(slaId).toBeGreaterThan(0);
      const sla = expectStatus(wire, await get<{ priorities?: (Rec | number)[] }>(`/SLA/${slaId}`), 200);
      const slaPriorityIds = (sla.priorities ?? []).map((p) => (typeof p === 'number' ? p : p.id));
      expect(slaPriorityIds.length).toBeGreaterThan(0);
      const allPriorities = expectStatus(
        wire,
        await get<(Rec & { priorityid: number; name: string })[]>('/Priority'),
        200,
      );
      const dropdown = allPriorities.filter((p) => slaPriorityIds.includes(p.id));
      expect(dropdown.map((p) => p.name)).toEqual(
        expect.arrayContaining(['Critical', 'High', 'Medium', 'Low']),
      );

      // Get-HaloTicketOutcome: /tickettype/{id}.workflow_id → /workflow/{id} → /outcome filtered by the workflow's actions
      const workflowId = type.workflow_id;
      const workflow = expectStatus(
        wire,
        await get<{ steps: { actions: { action_id: number }[] }[] }>(`/workflow/${workflowId}`),
        200,
      );
      const actionIds = workflow.steps.flatMap((s) => s.actions.map((a) => a.action_id));
      const outcomes = expectStatus(wire, await get<(Rec & { buttonname: string })[]>('/outcome'), 200);
      const offered = outcomes
        .filter((o) => actionIds.includes(o.id))
        .sort((a, b) => a.buttonname.localeCompare(b.buttonname));
      expect(offered.map((o) => o.buttonname)).toContain('Internal Note');
    });

    // Get-HaloUser: advanced_search on azureoid / aaduserid (an "Invalid advanced search parameter" error is expected
    // on instances that don't support the field), then search=<email> filtered client-side.
    async function findContact(
      clientId: number,
      azureOid: string,
      email: string,
    ): Promise<{ id: number; site_id: number } | null> {
      const base = `/Users?client_id=${clientId}&includeinactive=false&pageinate=false`;
      for (const field of ['azureoid', 'aaduserid']) {
        const filter = encodeURIComponent(
          JSON.stringify([{ filter_name: field, filter_type: 2, filter_value: azureOid }]),
        );
        const res = await get<{ users?: Rec[]; Message?: string } | Rec[]>(
          `${base}&advanced_search=${filter}`,
        );
        if (res.status !== 200) {
          expect(String((res.body as { Message?: string }).Message)).toMatch(
            /Invalid advanced search parameter/,
          );
          continue;
        }
        const found = (Array.isArray(res.body) ? res.body : (res.body.users ?? [])).filter((u) => u.id);
        const match = found[0];
        if (match) return { id: match.id, site_id: Number(match.site_id) };
      }
      const res = expectStatus(
        wire,
        await get<{ users?: Rec[] } | Rec[]>(`${base}&search=${encodeURIComponent(email)}`),
        200,
      );
      for (const user of Array.isArray(res) ? res : (res.users ?? [])) {
        for (const f of ['emailaddress', 'networklogin', 'aaduserid']) {
          const v = user[f];
          if (typeof v === 'string' && v.toLowerCase() === email.toLowerCase())
            return { id: user.id, site_id: Number(user.site_id) };
        }
      }
      return null;
    }

    it('New-HaloPSATicket for a matched contact links the RIGHT contact (userlookup.id) and its site', async () => {
      const clientId = server.seed.clientIds[1] ?? 0;
      const userIds = server.seed.users.get(clientId) ?? [];
      const email = `user2@client${clientId}.example`;
      const matched = await findContact(clientId, '0d7a8f5e-2f4b-4c39-9f7e-4b7f1f8f0001', email);
      expect(matched?.id).toBe(userIds[1]);
      const body = [
        {
          files: null,
          usertype: 1,
          userlookup: { id: matched?.id, lookupdisplay: 'Bob Two (user2)' },
          client_id: clientId,
          _forcereassign: true,
          site_id: matched?.site_id,
          user_name: 'Bob Two',
          reportedby: null,
          summary: 'Risky sign-in for user2',
          details_html: '<p>Impossible travel</p>',
          donotapplytemplateintheapi: true,
          attachments: [],
          _novalidate: true,
          tickettype_id: 1,
          priority_id: 2,
        },
      ];
      const ticket = expectStatus(wire, await post<Rec>('/Tickets', body), 201);
      expect(ticket.id).toBeGreaterThan(0); // CIPP reads $Ticket.id straight off the result
      const stored = expectStatus(wire, await get<Rec>(`/Tickets/${ticket.id}`), 200);
      expect(stored).toMatchObject({
        client_id: clientId,
        site_id: matched?.site_id,
        user_id: userIds[1],
        priority_id: 2,
        summary: 'Risky sign-in for user2',
      });
    });

    it('no contact match: userlookup.id -1 with site_id null lands on the client; consolidation adds a note until it is closed', async () => {
      const clientId = server.seed.clientIds[2] ?? 0;
      const created = expectStatus(
        wire,
        await post<Rec>('/Tickets', [
          {
            files: null,
            usertype: 1,
            userlookup: { id: -1, lookupdisplay: 'Enter Details Manually' },
            client_id: clientId,
            _forcereassign: true,
            site_id: null,
            user_name: null,
            reportedby: null,
            summary: 'MFA disabled',
            details_html: '<p>first alert</p>',
            donotapplytemplateintheapi: true,
            attachments: [],
            _novalidate: true,
            tickettype_id: 1,
          },
        ]),
        201,
      );
      expect(created).toMatchObject({ client_id: clientId, user_id: null });

      const detail = `/Tickets/${created.id}?includedetails=true&includelastaction=false&nocache=undefined&includeusersassets=false&isdetailscreen=true`;
      const open = expectStatus(wire, await get<Rec>(detail), 200);
      expect(open.id).toBe(created.id);
      expect(open.hasbeenclosed).toBe(false);
      const note = expectStatus(
        wire,
        await post<Rec>('/actions', [
          { ticket_id: created.id, outcome_id: 7, hiddenfromuser: true, note_html: '<p>second alert</p>' },
        ]),
        201,
      );
      expect(note).toMatchObject({ ticket_id: created.id, outcome_id: 7, hiddenfromuser: true });
      const actions = expectStatus(
        wire,
        await get<{ actions: Rec[] }>(`/actions?ticket_id=${created.id}`),
        200,
      );
      expect(actions.actions.map((a) => a.id)).toContain(note.id);

      expectStatus(wire, await post<Rec>('/Tickets', [{ id: created.id, status_id: 9 }]), 201);
      const closed = expectStatus(wire, await get<Rec>(detail), 200);
      expect(closed.hasbeenclosed).toBe(true); // CIPP now opens a new ticket instead of adding a note
    });
  });
}
