// The auth routes are documented in the generated OpenAPI (zod schemas in the route definitions).
import { expect, it } from 'vitest';
import { createTestDatabase } from '../../db/testing.js';
import { buildTestApp } from '../../auth/testing.js';

it('documents /auth/token, /api/authinfo, the session and the admin application/agent routes', async () => {
  const handle = await createTestDatabase('sqlite');
  const app = await buildTestApp(handle);
  try {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
          }
        >
      >;
    };
    for (const p of [
      '/auth/token',
      '/auth/revoke',
      '/api/authinfo',
      '/admin/api/session',
      '/admin/api/applications',
      '/admin/api/applications/{id}/regenerate-secret',
      '/admin/api/agents',
      '/admin/api/agents/{id}',
      '/admin/api/roles',
    ]) {
      expect(Object.keys(doc.paths), p).toContain(p);
    }
    const tokenBody = doc.paths['/auth/token']?.post?.requestBody?.content;
    expect(Object.keys(tokenBody ?? {})).toContain('application/x-www-form-urlencoded');
    expect(Object.keys(tokenBody?.['application/x-www-form-urlencoded']?.schema?.properties ?? {})).toEqual(
      expect.arrayContaining(['grant_type', 'client_id', 'client_secret', 'scope', 'tenant']),
    );
    const agentBody =
      doc.paths['/admin/api/agents']?.post?.requestBody?.content?.['application/json']?.schema?.properties ??
      {};
    expect(Object.keys(agentBody)).toEqual(
      expect.arrayContaining(['name', 'login', 'is_api_only', 'notify_sync_failures', 'roles', 'teams']),
    );
  } finally {
    await app.close();
    await handle.drop();
  }
});
