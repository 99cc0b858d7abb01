// What clients read when something goes wrong (halo-api.md §1.3, §1.6, §2.5), over real HTTP:
// {ClassName, Message} on /api 4xx (QMEX, PS New-HaloError); 401 without or with a bad token; 403 for a missing
// scope (n8n turns any 403 into "You don't have permissions to …"); RFC 6749 errors from /auth/token; and the
// token endpoint's lockout: 429 with Retry-After (PS waits and retries, PY honours Retry-After).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompatServer, type CompatServer } from './support/compat-server.js';
import { Wire, expectStatus, form } from './support/http.js';

type HaloError = { ClassName: string; Message: string };

describe('error replies clients read, against a real server [sqlite]', () => {
  let server: CompatServer;
  const wire = new Wire();
  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
  const token = async (clientId: string, clientSecret: string, scope?: string) =>
    wire.send<{ access_token?: string; error?: string; error_description?: string }>(
      'POST',
      `${server.url}/auth/token?tenant=`,
      {
        headers: FORM,
        body: form({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: clientSecret,
          ...(scope !== undefined && { scope }),
        }),
      },
    );

  beforeAll(async () => {
    server = await startCompatServer('sqlite', { clients: 20 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('401 without a token and with a bad one, as {ClassName, Message}', async () => {
    const none = await wire.send<HaloError>('GET', `${server.url}/api/Client`);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ ClassName: expect.any(String), Message: expect.any(String) });
    const bad = await wire.send<HaloError>('GET', `${server.url}/api/Tickets`, {
      headers: { authorization: 'Bearer not-a-real-token' },
    });
    expect(bad.status).toBe(401);
    expect(bad.body.Message).toBeTruthy();
    const badKey = await wire.send<HaloError>('GET', `${server.url}/api/Tickets`, {
      headers: { 'x-halo-api-key': 'nope' },
    });
    expect(badKey.status).toBe(401);
  });

  it('400 and 404 on /api carry ClassName and Message (QMEX builds its error text from them)', async () => {
    const t = expectStatus(wire, await token(server.app.clientId, server.app.clientSecret, 'all'), 200);
    const headers = { authorization: `Bearer ${t.access_token}`, 'content-type': 'application/json' };
    const invalid = await wire.send<HaloError & { errors: { field: string }[] }>(
      'POST',
      `${server.url}/api/Tickets`,
      { headers, body: JSON.stringify([{ summary: 12 }]) },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      ClassName: expect.stringMatching(/Exception$/),
      Message: expect.stringContaining('[0].summary'),
    });
    const missing = await wire.send<HaloError>('GET', `${server.url}/api/tickets/987654`, { headers });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      ClassName: expect.any(String),
      Message: expect.stringContaining('987654'),
    });
    const noOutcome = await wire.send<HaloError>('POST', `${server.url}/api/actions`, {
      headers,
      body: JSON.stringify([{ ticket_id: 987654, note: 'x' }]),
    });
    expect(noOutcome.status).toBe(400);
  });

  it('403 when the token lacks the scope (n8n: "You don\'t have permissions"), 200 for what it has', async () => {
    const readOnly = await server.newApplication('read:tickets read:customers');
    const t = expectStatus(
      wire,
      await token(readOnly.clientId, readOnly.clientSecret, 'read:tickets read:customers'),
      200,
    );
    const headers = { authorization: `Bearer ${t.access_token}`, 'content-type': 'application/json' };
    expectStatus(wire, await wire.send('GET', `${server.url}/api/tickets?count=1`, { headers }), 200);
    const write = await wire.send<HaloError>('POST', `${server.url}/api/tickets`, {
      headers,
      body: JSON.stringify([{ summary: 'nope', client_id: server.seed.clientIds[0] }]),
    });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ ClassName: expect.any(String), Message: expect.any(String) });
    // n8n always asks for "admin edit:tickets edit:customers": the grant is narrowed to what the application holds
    // (RFC 6749 §3.3, the reply's scope says so) and writes still answer 403.
    const n8n = await token(readOnly.clientId, readOnly.clientSecret, 'admin edit:tickets edit:customers');
    expect(n8n.status).toBe(200);
    const n8nScope = String((n8n.body as { scope?: string }).scope);
    expect(n8nScope).not.toMatch(/edit:tickets|admin/);
    const n8nWrite = await wire.send<HaloError>('POST', `${server.url}/api/tickets`, {
      headers: {
        authorization: `Bearer ${String(n8n.body.access_token)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify([{ tickettype_id: 1, summary: 'from n8n', details: 'x' }]),
    });
    expect(n8nWrite.status).toBe(403);
    // A scope Halo does not know is invalid_scope.
    const unknown = await token(readOnly.clientId, readOnly.clientSecret, 'read:actions');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('invalid_scope');
  });

  it('token endpoint: invalid_client for a wrong secret, then 429 with Retry-After once locked, even for the right secret', async () => {
    const victim = await server.newApplication('all');
    const wrong = await token(victim.clientId, 'wrong-secret', 'all');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_client');
    let locked: Awaited<ReturnType<typeof token>> | undefined;
    for (let i = 0; i < 30 && !locked; i++) {
      const r = await token(victim.clientId, 'wrong-secret', 'all');
      if (r.status === 429) locked = r;
      else expect(r.status).toBe(401);
    }
    expect(locked?.status).toBe(429);
    expect(Number(locked?.headers.get('retry-after'))).toBeGreaterThan(0);
    const right = await token(victim.clientId, victim.clientSecret, 'all');
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another application from the same address is not locked out by this client's failures alone.
    expectStatus(wire, await token(server.app.clientId, server.app.clientSecret, 'all'), 200);
  });
});
