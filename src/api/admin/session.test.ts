// Console sign-in: cookie attributes, GET/DELETE, API-only refusal, CSRF rule, brute-force lockout.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import { buildTestApp, createTestApplication, createTestConsoleAgent, testCtx } from '../../auth/testing.js';
import { createAgent } from '../../auth/agents/create-agent.js';
import { updateAgent } from '../../auth/agents/update-agent.js';

describeEachDialect('console session /admin/api/session', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(get());
  });
  afterAll(async () => {
    await app.close();
  });

  const login = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    app.inject({
      method: 'POST',
      url: '/admin/api/session',
      headers,
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('signs in with an HttpOnly SameSite=Lax cookie, reports the agent, and signs out', async () => {
    const agent = await createTestConsoleAgent(get().db, ['tickets:edit']);
    const res = await login({ login: agent.login.toUpperCase(), password: agent.password });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: agent.agentId,
      login: agent.login,
      permissions: ['tickets:edit'],
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^tributary_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');
    const cookie = setCookie.split(';')[0] ?? '';

    const me = await app.inject({ method: 'GET', url: '/admin/api/session', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      id: agent.agentId,
      name: expect.any(String),
      login: agent.login,
      permissions: ['tickets:edit'],
    });

    const out = await app.inject({ method: 'DELETE', url: '/admin/api/session', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/tributary_session=;/);
    expect(
      (await app.inject({ method: 'GET', url: '/admin/api/session', headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const secureApp = await buildTestApp(get(), { config: { publicUrl: 'https://psa.example.com' } });
    try {
      const agent = await createTestConsoleAgent(get().db);
      const res = await secureApp.inject({
        method: 'POST',
        url: '/admin/api/session',
        payload: { login: agent.login, password: agent.password },
      });
      expect(String(res.headers['set-cookie'])).toContain('Secure');
    } finally {
      await secureApp.close();
    }
  });

  it('GET without a session is 401', async () => {
    const res = await app.inject({ method: 'GET', url: '/admin/api/session' });
    expect(res.statusCode).toBe(401);
  });

  it('wrong password and unknown login give the same 401', async () => {
    const agent = await createTestConsoleAgent(get().db);
    const wrong = await login({ login: agent.login, password: 'not-the-password' });
    const unknown = await login({ login: 'nobody-here', password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('API-only and inactive agents cannot sign in', async () => {
    const ctx = testCtx(get().db);
    const apiOnly = await createAgent(ctx, { name: 'API only', login: 'api-only-agent', is_api_only: true });
    expect(apiOnly.has_password).toBe(false);
    await expect(
      createAgent(ctx, { name: 'x', login: 'api2', password: 'long-enough-password', is_api_only: true }),
    ).rejects.toMatchObject({ status: 400 });
    // An agent that had a password and is then made API-only loses it (and its sessions).
    const agent = await createTestConsoleAgent(get().db);
    await updateAgent(ctx, agent.agentId, { is_api_only: true });
    expect((await login({ login: agent.login, password: agent.password })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/admin/api/session', headers: { cookie: agent.cookie } }))
        .statusCode,
    ).toBe(401);
    const inactive = await createTestConsoleAgent(get().db);
    await updateAgent(ctx, inactive.agentId, { inactive: true });
    const res = await login({ login: inactive.login, password: inactive.password });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('LOGIN_NOT_ALLOWED');
  });

  it('sign-in must be JSON (login CSRF): a form post is refused and sets no cookie', async () => {
    const agent = await createTestConsoleAgent(get().db);
    const res = await login(
      new URLSearchParams({ login: agent.login, password: agent.password }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(res.statusCode).toBe(415);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('cookie-authenticated writes need Content-Type: application/json or X-Requested-With', async () => {
    const admin = await createTestConsoleAgent(get().db, ['admin']);
    const before = (await get().db.selectFrom('agents').select('id').execute()).length;
    const forged = await app.inject({
      method: 'POST',
      url: '/admin/api/agents',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=Evil',
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('CSRF_CHECK_FAILED');
    expect((await get().db.selectFrom('agents').select('id').execute()).length).toBe(before);
    const ok = await app.inject({
      method: 'POST',
      url: '/admin/api/agents',
      headers: { cookie: admin.cookie },
      payload: { name: 'Good' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    // A body-less POST passes with X-Requested-With (a custom header also forces a CORS preflight).
    const client = await createTestApplication(get().db);
    const url = `/admin/api/applications/${client.applicationId}/revoke-tokens`;
    expect((await app.inject({ method: 'POST', url, headers: { cookie: admin.cookie } })).statusCode).toBe(
      403,
    );
    const bodyless = await app.inject({
      method: 'POST',
      url,
      headers: { cookie: admin.cookie, 'x-requested-with': 'fetch' },
    });
    expect(bodyless.statusCode, bodyless.body).toBe(200);
    expect(bodyless.json()).toEqual({ revoked: 1 });
  });

  it('an agent changes its own password with the current one; other sessions end, this one stays', async () => {
    const agent = await createTestConsoleAgent(get().db, ['tickets:read']);
    const second = await login({ login: agent.login, password: agent.password });
    const otherCookie = String(second.headers['set-cookie']).split(';')[0] ?? '';
    const change = (current: string, next: string) =>
      app.inject({
        method: 'POST',
        url: '/admin/api/session/password',
        headers: { cookie: agent.cookie },
        payload: { current_password: current, new_password: next },
      });
    const wrong = await change('not-my-password', 'a brand new password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().errors[0].field).toBe('current_password');
    const short = await change(agent.password, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('body.new_password');
    expect((await change(agent.password, 'a brand new password')).statusCode).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: '/admin/api/session', headers: { cookie: agent.cookie } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/admin/api/session', headers: { cookie: otherCookie } }))
        .statusCode,
    ).toBe(401);
    expect((await login({ login: agent.login, password: 'a brand new password' })).statusCode).toBe(200);
    expect((await login({ login: agent.login, password: agent.password })).statusCode).toBe(401);
  });

  it('locks a login out with 429 after 10 wrong passwords, even for the right one', async () => {
    const agent = await createTestConsoleAgent(get().db);
    for (let i = 0; i < 10; i++)
      expect((await login({ login: agent.login, password: `wrong-${i}` })).statusCode).toBe(401);
    const locked = await login({ login: agent.login, password: agent.password });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });
});
