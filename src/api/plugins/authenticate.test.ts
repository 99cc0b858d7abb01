// The actor behind each credential, and the application-scope × agent-permission matrix on a real Halo route.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import { buildTestApp, createTestApplication, createTestConsoleAgent, testCtx } from '../../auth/testing.js';
import { createApplication } from '../../auth/applications/create-application.js';
import { createAgent } from '../../auth/agents/create-agent.js';
import { updateApplication } from '../../auth/applications/update-application.js';
import type { Permission } from '../../core/permissions.js';

describeEachDialect('authentication and authorisation on /api', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(get());
  });
  afterAll(async () => {
    await app.close();
  });

  const customerCount = async () =>
    Number(
      (
        await get()
          .db.selectFrom('customers')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const postClient = (headers: Record<string, string>, name: string) =>
    app.inject({
      method: 'POST',
      url: '/api/Client',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: [{ name }],
    });

  const matrix: Array<{ scopes: string; agent: Permission[]; write: boolean; read: boolean }> = [
    { scopes: 'edit:customers', agent: ['tickets:edit'], write: false, read: false },
    { scopes: 'edit:customers', agent: ['customers:read'], write: false, read: true },
    { scopes: 'read:customers', agent: ['customers:edit'], write: false, read: true },
    { scopes: 'edit:tickets', agent: ['admin'], write: false, read: false },
    { scopes: 'edit:customers', agent: ['customers:edit'], write: true, read: true },
    { scopes: 'all', agent: ['admin'], write: true, read: true },
    { scopes: 'all:standard', agent: ['customers:edit'], write: true, read: true },
  ];
  for (const m of matrix) {
    it(`app scopes "${m.scopes}" × agent [${m.agent.join(',')}]: write ${m.write ? 'allowed' : '403, nothing written'}, read ${m.read ? 'allowed' : '403'}`, async () => {
      const client = await createTestApplication(get().db, { scopes: m.scopes, permissions: m.agent });
      const before = await customerCount();
      const res = await postClient(
        { authorization: client.authorization },
        `Matrix ${m.scopes} ${m.agent.join()}`,
      );
      if (m.write) {
        expect(res.statusCode, res.body).toBeLessThan(300);
        expect(await customerCount()).toBe(before + 1);
      } else {
        expect(res.statusCode, res.body).toBe(403);
        expect(res.headers['www-authenticate']).toContain('insufficient_scope');
        expect(await customerCount()).toBe(before);
      }
      const list = await app.inject({
        method: 'GET',
        url: '/api/Client',
        headers: { authorization: client.authorization },
      });
      expect(list.statusCode, list.body).toBe(m.read ? 200 : 403);
    });
  }

  it('narrowing the application later takes effect on existing tokens', async () => {
    const client = await createTestApplication(get().db, {
      scopes: 'edit:customers',
      permissions: ['customers:edit'],
    });
    expect(
      (await postClient({ authorization: client.authorization }, 'Before narrowing')).statusCode,
    ).toBeLessThan(300);
    await updateApplication(testCtx(get().db), client.applicationId, { scopes: 'read:customers' });
    expect((await postClient({ authorization: client.authorization }, 'After narrowing')).statusCode).toBe(
      403,
    );
  });

  it('X-Halo-Api-Key authenticates API-key applications, bounded by scopes and agent', async () => {
    const ctx = testCtx(get().db);
    const agent = await createAgent(ctx, {
      name: 'Key agent',
      is_api_only: true,
      roles: ['API Integration'],
    });
    const issued = await createApplication(ctx, {
      name: 'Key app',
      login_agent_id: agent.id,
      scopes: 'read:customers',
      auth_method: 'api_key',
    });
    expect(issued.api_key).toBeDefined();
    expect(issued.client_secret).toBeUndefined();
    const key = issued.api_key ?? '';
    expect(
      (await app.inject({ method: 'GET', url: '/api/Client', headers: { 'x-halo-api-key': key } }))
        .statusCode,
    ).toBe(200);
    expect((await postClient({ 'x-halo-api-key': key }, 'Via key')).statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'GET', url: '/api/Client', headers: { 'x-halo-api-key': `${key}x` } }))
        .statusCode,
    ).toBe(401);
    // An API-key application cannot use the token endpoint with its key as a secret.
    const tok = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: issued.client_id,
        client_secret: key,
      }).toString(),
    });
    expect(tok.statusCode).toBe(401);
  });

  it('the console session works on /api, and cookie-authenticated writes must be JSON (CSRF)', async () => {
    const agent = await createTestConsoleAgent(get().db, ['customers:edit']);
    expect(
      (await app.inject({ method: 'GET', url: '/api/Client', headers: { cookie: agent.cookie } })).statusCode,
    ).toBe(200);
    const before = await customerCount();
    const forged = await app.inject({
      method: 'POST',
      url: '/api/Client',
      headers: { cookie: agent.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=Forged',
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('CSRF_CHECK_FAILED');
    const textPlain = await app.inject({
      method: 'POST',
      url: '/api/Client',
      headers: { cookie: agent.cookie, 'content-type': 'text/plain' },
      payload: '[{"name":"Forged"}]',
    });
    expect([403, 415]).toContain(textPlain.statusCode);
    expect(await customerCount()).toBe(before);
    expect((await postClient({ cookie: agent.cookie }, 'From the console')).statusCode).toBeLessThan(300);
    expect(await customerCount()).toBe(before + 1);
  });

  it('without credentials /api answers 401 but public routes still work', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/Client' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ ClassName: expect.any(String), code: 'UNAUTHENTICATED' });
    expect(
      (await app.inject({ method: 'GET', url: '/api/authinfo', headers: { authorization: 'Bearer stale' } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/healthz', headers: { authorization: 'Bearer stale' } }))
        .statusCode,
    ).toBe(200);
  });
});
