// POST /auth/token and GET /api/authinfo over the real app and a real database (both dialects).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import { buildTestApp, createTestApplication, testCtx, type TestApplication } from '../../auth/testing.js';
import { regenerateApplicationSecret } from '../../auth/applications/regenerate-application-secret.js';
import { revokeApplicationTokens } from '../../auth/applications/revoke-application-tokens.js';
import { updateAgent } from '../../auth/agents/update-agent.js';
import { updateApplication } from '../../auth/applications/update-application.js';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describeEachDialect('POST /auth/token', (get) => {
  let app: FastifyInstance;
  let client: TestApplication;
  beforeAll(async () => {
    app = await buildTestApp(get());
    client = await createTestApplication(get().db, { scopes: 'all' });
  });
  afterAll(async () => {
    await app.close();
  });

  const tokenCount = async () =>
    Number(
      (
        await get()
          .db.selectFrom('api_tokens')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('issues a Bearer token for form-encoded client credentials, with no-store', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: FORM,
      payload: form({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        scope: 'all',
      }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toEqual({
      token_type: 'Bearer',
      access_token: expect.any(String),
      expires_in: 3600,
      scope: 'all',
    });
    expect(body.access_token.length).toBeGreaterThanOrEqual(43);
    // The token works on a protected route.
    const me = await app.inject({
      method: 'GET',
      url: '/admin/api/applications',
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(me.statusCode).toBe(200);
  });

  it('accepts HTTP Basic client authentication and defaults the scope to all', async () => {
    const basic = Buffer.from(
      `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`,
    ).toString('base64');
    const res = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: { ...FORM, authorization: `Basic ${basic}` },
      payload: form({ grant_type: 'client_credentials' }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().scope).toBe('all');
  });

  it('accepts JSON bodies too', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/auth/token',
      payload: {
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      },
    });
    expect(res.statusCode).toBe(200);
  });

  it('tolerates ?tenant= (empty or named) and a tenant form field, and is case-insensitive in the path', async () => {
    const creds = {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    };
    for (const url of ['/auth/token?tenant=', '/auth/token?tenant=contoso', '/AUTH/Token']) {
      const res = await app.inject({ method: 'POST', url, headers: FORM, payload: form(creds) });
      expect(res.statusCode, url).toBe(200);
    }
    const withForm = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: FORM,
      payload: form({ ...creds, tenant: 'contoso' }),
    });
    expect(withForm.statusCode).toBe(200);
  });

  it('rejects an unknown scope with invalid_scope', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: FORM,
      payload: form({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        scope: 'read:tickets read:actions',
      }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'invalid_scope',
      error_description: expect.stringContaining('read:actions'),
    });
  });

  it('accepts Halo scopes we do not model (n8n sends admin edit:tickets edit:customers)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: FORM,
      payload: form({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        scope: 'admin edit:tickets edit:customers read:calendar',
      }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().scope).toBe('admin edit:tickets edit:customers read:calendar');
  });

  it('answers a wrong secret with invalid_client 401 and issues nothing', async () => {
    const before = await tokenCount();
    const res = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: FORM,
      payload: form({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: `${client.clientSecret}x`,
      }),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('invalid_client');
    const unknown = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: FORM,
      payload: form({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' }),
    });
    expect(unknown.statusCode).toBe(401);
    expect(await tokenCount()).toBe(before);
  });

  it('adds a Basic challenge when Basic credentials are wrong', async () => {
    const basic = Buffer.from(`${client.clientId}:wrong`).toString('base64');
    const res = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: { ...FORM, authorization: `Basic ${basic}` },
      payload: form({ grant_type: 'client_credentials' }),
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Basic /);
  });

  it('names the missing field with invalid_request, and refuses other grants', async () => {
    const noGrant = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: FORM,
      payload: form({ client_id: client.clientId, client_secret: client.clientSecret }),
    });
    expect(noGrant.json()).toEqual({ error: 'invalid_request', error_description: 'grant_type is required' });
    const noSecret = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: FORM,
      payload: form({ grant_type: 'client_credentials', client_id: client.clientId }),
    });
    expect(noSecret.statusCode).toBe(400);
    expect(noSecret.json()).toEqual({
      error: 'invalid_request',
      error_description: 'client_secret is required',
    });
    const noId = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: FORM,
      payload: form({ grant_type: 'client_credentials' }),
    });
    expect(noId.json().error_description).toBe('client_id is required');
    const password = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: FORM,
      payload: form({ grant_type: 'password', username: 'admin', password: 'x', client_id: client.clientId }),
    });
    expect(password.statusCode).toBe(400);
    expect(password.json().error).toBe('unsupported_grant_type');
    const inQuery = await app.inject({
      method: 'POST',
      url: `/auth/token?client_secret=${client.clientSecret}`,
      headers: FORM,
      payload: form({ grant_type: 'client_credentials', client_id: client.clientId }),
    });
    expect(inQuery.json().error).toBe('invalid_request');
    const array = await app.inject({ method: 'POST', url: '/auth/token', payload: [1, 2] });
    expect(array.statusCode).toBe(400);
    expect(array.json().error).toBe('invalid_request');
  });

  it('narrows a request to what the application holds', async () => {
    const narrow = await createTestApplication(get().db, { scopes: 'read:tickets', requestScope: 'all' });
    expect(narrow.scope).toBe('read:tickets');
  });

  it('refuses tokens when the application is disabled or its agent inactive', async () => {
    const other = await createTestApplication(get().db);
    const ctx = testCtx(get().db);
    await updateApplication(ctx, other.applicationId, { active: false });
    const creds = form({
      grant_type: 'client_credentials',
      client_id: other.clientId,
      client_secret: other.clientSecret,
    });
    expect(
      (await app.inject({ method: 'POST', url: '/auth/token', headers: FORM, payload: creds })).json().error,
    ).toBe('invalid_client');
    // Its existing token stops working at once.
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/admin/api/agents',
          headers: { authorization: other.authorization },
        })
      ).statusCode,
    ).toBe(401);
    await updateApplication(ctx, other.applicationId, { active: true });
    await updateAgent(ctx, other.agentId, { inactive: true });
    const res = await app.inject({ method: 'POST', url: '/auth/token', headers: FORM, payload: creds });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('unauthorized_client');
  });

  it('regenerating the secret kills the old secret and the old tokens', async () => {
    const victim = await createTestApplication(get().db);
    const ok = await app.inject({
      method: 'GET',
      url: '/admin/api/agents',
      headers: { authorization: victim.authorization },
    });
    expect(ok.statusCode).toBe(200);
    const fresh = await regenerateApplicationSecret(testCtx(get().db), victim.applicationId);
    expect(fresh.client_secret).toBeDefined();
    expect(fresh.client_secret).not.toBe(victim.clientSecret);
    const old = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: FORM,
      payload: form({
        grant_type: 'client_credentials',
        client_id: victim.clientId,
        client_secret: victim.clientSecret,
      }),
    });
    expect(old.statusCode).toBe(401);
    const oldToken = await app.inject({
      method: 'GET',
      url: '/admin/api/agents',
      headers: { authorization: victim.authorization },
    });
    expect(oldToken.statusCode).toBe(401);
    const renewed = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: FORM,
      payload: form({
        grant_type: 'client_credentials',
        client_id: victim.clientId,
        client_secret: fresh.client_secret ?? '',
      }),
    });
    expect(renewed.statusCode).toBe(200);
  });

  it('revoked tokens answer 401 invalid_token', async () => {
    const victim = await createTestApplication(get().db);
    await revokeApplicationTokens(testCtx(get().db), victim.applicationId);
    const res = await app.inject({
      method: 'GET',
      url: '/admin/api/agents',
      headers: { authorization: victim.authorization },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(res.json().code).toBe('INVALID_TOKEN');
  });

  it('a client can revoke its own token (RFC 7009)', async () => {
    const victim = await createTestApplication(get().db);
    const res = await app.inject({
      method: 'POST',
      url: '/auth/revoke',
      headers: FORM,
      payload: form({ token: victim.token, client_id: victim.clientId, client_secret: victim.clientSecret }),
    });
    expect(res.statusCode).toBe(200);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/admin/api/agents',
          headers: { authorization: victim.authorization },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('expired tokens answer 401', async () => {
    const short = await createTestApplication(get().db);
    // Age the token past its expiry in the database rather than sleeping.
    await get()
      .db.updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('application_id', '=', short.applicationId)
      .execute();
    const res = await app.inject({
      method: 'GET',
      url: '/admin/api/agents',
      headers: { authorization: short.authorization },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toContain('invalid_token');
  });

  it('a missing token gets a bare Bearer challenge; a garbage token invalid_token', async () => {
    const none = await app.inject({ method: 'GET', url: '/admin/api/agents' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="tributary"');
    const junk = await app.inject({
      method: 'GET',
      url: '/admin/api/agents',
      headers: { authorization: 'Bearer nope' },
    });
    expect(junk.statusCode).toBe(401);
  });
});

describeEachDialect('brute force on /auth/token', (get) => {
  it('locks a client id out with 429 + Retry-After after 10 bad secrets, even for the right secret', async () => {
    const app = await buildTestApp(get());
    try {
      const client = await createTestApplication(get().db);
      const bad = form({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: 'wrong',
      });
      for (let i = 0; i < 10; i++) {
        const res = await app.inject({ method: 'POST', url: '/auth/token', headers: FORM, payload: bad });
        expect(res.statusCode, `attempt ${i + 1}`).toBe(401);
      }
      const locked = await app.inject({
        method: 'POST',
        url: '/auth/token',
        headers: FORM,
        payload: form({
          grant_type: 'client_credentials',
          client_id: client.clientId,
          client_secret: client.clientSecret,
        }),
      });
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect(locked.json().error).toBe('too_many_requests');
    } finally {
      await app.close();
    }
  });
});

describe('GET /api/authinfo', () => {
  it('points at {public base}/auth without a token, from the Host header or the configured public URL', async () => {
    const { createTestDatabase } = await import('../../db/testing.js');
    const handle = await createTestDatabase('sqlite');
    const app = await buildTestApp(handle);
    const configured = await buildTestApp(handle, { config: { publicUrl: 'https://psa.example.com/' } });
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/api/authinfo',
        headers: { host: 'tributary.local:8080' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ auth_url: 'http://tributary.local:8080/auth' });
      const res2 = await configured.inject({ method: 'GET', url: '/api/AuthInfo' });
      expect(res2.json()).toEqual({ auth_url: 'https://psa.example.com/auth' });
    } finally {
      await app.close();
      await configured.close();
      await handle.drop();
    }
  });
});
