// The console's applications and agents API: secrets shown once, validation names the field and writes
// nothing, admin-only, token listing and revocation.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import { buildTestApp, createTestApplication, type TestApplication } from '../../auth/testing.js';

describeEachDialect('admin API: applications and agents', (get) => {
  let app: FastifyInstance;
  let admin: TestApplication;
  let auth: Record<string, string>;
  let agentId: number;
  beforeAll(async () => {
    app = await buildTestApp(get());
    admin = await createTestApplication(get().db, { scopes: 'all', permissions: ['admin'] });
    auth = { authorization: admin.authorization };
    const res = await app.inject({
      method: 'POST',
      url: '/admin/api/agents',
      headers: auth,
      payload: { name: 'Integrator', is_api_only: true, roles: ['API Integration'] },
    });
    agentId = res.json().id;
  });
  afterAll(async () => {
    await app.close();
  });
  const count = async (table: 'api_applications' | 'agents') =>
    (await get().db.selectFrom(table).select('id').execute()).length;

  it('creates an application, showing the secret once and never in lists', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/admin/api/applications',
      headers: auth,
      payload: { name: 'ConnectSecure', login_agent_id: agentId, scopes: ['read:customers', 'edit:tickets'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.client_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.application).toMatchObject({
      name: 'ConnectSecure',
      active: true,
      auth_method: 'client_credentials',
      login_agent_id: agentId,
      login_agent_name: 'Integrator',
      scopes: ['read:customers', 'edit:tickets'],
      active_tokens: 0,
    });
    const list = await app.inject({ method: 'GET', url: '/admin/api/applications', headers: auth });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(body.client_secret);
    expect(list.body).not.toContain('client_secret');
    expect(list.body).not.toContain('hash');
    expect(list.json().some((a: { client_id: string }) => a.client_id === body.client_id)).toBe(true);
  });

  it('rejects bad input with 400 naming the field, writing nothing', async () => {
    const before = await count('api_applications');
    const badScope = await app.inject({
      method: 'POST',
      url: '/admin/api/applications',
      headers: auth,
      payload: { name: 'X', login_agent_id: agentId, scopes: 'read:actions' },
    });
    expect(badScope.statusCode).toBe(400);
    expect(badScope.json().errors[0].field).toBe('scopes');
    const noName = await app.inject({
      method: 'POST',
      url: '/admin/api/applications',
      headers: auth,
      payload: { login_agent_id: agentId },
    });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().errors.map((e: { field: string }) => e.field)).toContain('body.name');
    const noAgent = await app.inject({
      method: 'POST',
      url: '/admin/api/applications',
      headers: auth,
      payload: { name: 'X', login_agent_id: 999999 },
    });
    expect(noAgent.statusCode).toBe(400);
    expect(noAgent.json().errors[0].field).toBe('login_agent_id');
    expect(await count('api_applications')).toBe(before);
    const agentsBefore = await count('agents');
    const badAgent = await app.inject({
      method: 'POST',
      url: '/admin/api/agents',
      headers: auth,
      payload: { name: 'Y', login: 'y', password: 'short' },
    });
    expect(badAgent.statusCode).toBe(400);
    expect(badAgent.json().errors[0].field).toBe('body.password');
    const badRole = await app.inject({
      method: 'POST',
      url: '/admin/api/agents',
      headers: auth,
      payload: { name: 'Y', roles: ['No such role'] },
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().errors[0].field).toBe('roles[0]');
    expect(await count('agents')).toBe(agentsBefore);
  });

  it('regenerates the secret (old tokens die), lists and revokes tokens', async () => {
    const target = await createTestApplication(get().db, {
      scopes: 'read:customers',
      permissions: ['customers:read'],
    });
    const tokens = await app.inject({
      method: 'GET',
      url: `/admin/api/applications/${target.applicationId}/tokens`,
      headers: auth,
    });
    expect(tokens.json()).toHaveLength(1);
    expect(tokens.body).not.toContain(target.token);
    const regen = await app.inject({
      method: 'POST',
      url: `/admin/api/applications/${target.applicationId}/regenerate-secret`,
      headers: auth,
    });
    expect(regen.statusCode, regen.body).toBe(200);
    expect(regen.json().client_secret).not.toBe(target.clientSecret);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/Client',
          headers: { authorization: target.authorization },
        })
      ).statusCode,
    ).toBe(401);

    const other = await createTestApplication(get().db, {
      scopes: 'read:customers',
      permissions: ['customers:read'],
    });
    const [tok] = (
      await app.inject({
        method: 'GET',
        url: `/admin/api/applications/${other.applicationId}/tokens`,
        headers: auth,
      })
    ).json();
    const del = await app.inject({
      method: 'DELETE',
      url: `/admin/api/applications/${other.applicationId}/tokens/${tok.id}`,
      headers: auth,
    });
    expect(del.statusCode).toBe(204);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/Client',
          headers: { authorization: other.authorization },
        })
      ).statusCode,
    ).toBe(401);

    const third = await createTestApplication(get().db, {
      scopes: 'read:customers',
      permissions: ['customers:read'],
    });
    const revoke = await app.inject({
      method: 'POST',
      url: `/admin/api/applications/${third.applicationId}/revoke-tokens`,
      headers: auth,
    });
    expect(revoke.json()).toEqual({ revoked: 1 });
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/Client',
          headers: { authorization: third.authorization },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('updates an application (deactivate, scopes)', async () => {
    const target = await createTestApplication(get().db, {
      scopes: 'read:customers',
      permissions: ['customers:read'],
    });
    const res = await app.inject({
      method: 'PATCH',
      url: `/admin/api/applications/${target.applicationId}`,
      headers: auth,
      payload: { active: false, scopes: 'read:customers read:assets' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ active: false, scopes: ['read:customers', 'read:assets'] });
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/Client',
          headers: { authorization: target.authorization },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('is admin only: a standard token gets 403 and creates nothing', async () => {
    const standard = await createTestApplication(get().db, {
      scopes: 'all:standard',
      permissions: ['admin'],
    });
    const before = await count('api_applications');
    const res = await app.inject({
      method: 'POST',
      url: '/admin/api/applications',
      headers: { authorization: standard.authorization },
      payload: { name: 'Sneaky', login_agent_id: agentId },
    });
    expect(res.statusCode).toBe(403);
    expect(await count('api_applications')).toBe(before);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/admin/api/applications',
          headers: { authorization: standard.authorization },
        })
      ).statusCode,
    ).toBe(403);
    // agents:read (in all:standard) is enough to list agents.
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/admin/api/agents',
          headers: { authorization: standard.authorization },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('creates and updates agents with roles, teams, API-only and failure notices, and sets passwords', async () => {
    const now = new Date().toISOString();
    const team = await get()
      .db.insertInto('teams')
      .values({ name: 'Service Desk', email: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = await app.inject({
      method: 'POST',
      url: '/admin/api/agents',
      headers: auth,
      payload: {
        name: 'Sam Tech',
        login: 'Sam',
        email: 'sam@example.com',
        roles: ['API Integration'],
        teams: [team.id],
        notify_sync_failures: true,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const sam = created.json();
    expect(sam).toMatchObject({
      login: 'sam',
      is_api_only: false,
      notify_sync_failures: true,
      teams: [team.id],
      has_password: false,
      roles: [{ name: 'API Integration' }],
    });
    expect(sam).not.toHaveProperty('password_hash');
    const dup = await app.inject({
      method: 'POST',
      url: '/admin/api/agents',
      headers: auth,
      payload: { name: 'Other Sam', login: 'SAM' },
    });
    expect(dup.statusCode).toBe(409);
    const patched = await app.inject({
      method: 'PATCH',
      url: `/admin/api/agents/${sam.id}`,
      headers: auth,
      payload: { notify_sync_failures: false, roles: ['Administrator'], teams: [] },
    });
    expect(patched.json()).toMatchObject({
      notify_sync_failures: false,
      teams: [],
      roles: [{ name: 'Administrator' }],
      permissions: ['admin'],
    });
    const pw = await app.inject({
      method: 'POST',
      url: `/admin/api/agents/${sam.id}/password`,
      headers: auth,
      payload: { password: 'a long enough password' },
    });
    expect(pw.statusCode, pw.body).toBe(204);
    const login = await app.inject({
      method: 'POST',
      url: '/admin/api/session',
      payload: { login: 'sam', password: 'a long enough password' },
    });
    expect(login.statusCode).toBe(200);
    const apiOnly = await app.inject({
      method: 'POST',
      url: `/admin/api/agents/${agentId}/password`,
      headers: auth,
      payload: { password: 'a long enough password' },
    });
    expect(apiOnly.statusCode).toBe(400);
    const roles = await app.inject({ method: 'GET', url: '/admin/api/roles', headers: auth });
    expect(roles.json().map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['Administrator', 'API Integration']),
    );
  });
});
