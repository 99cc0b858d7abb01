// What authentication costs. On one server over a test database:
//   noop     GET /healthz (no auth, the floor)
//   bearer   GET /admin/api/roles with a bearer token: token lookup by SHA-256 + agent roles + one small query
//   apikey   the same with X-Halo-Api-Key
//   token    POST /auth/token (scrypt verify of the client secret, insert of the token hash)
//   npx tsx bench/auth/token-and-bearer.ts [sqlite|postgres] [connections] [seconds]
import { createTestDatabase } from '../../src/db/testing.js';
import { buildTestApp, createTestApplication, testCtx } from '../../src/auth/testing.js';
import { createApplication } from '../../src/auth/applications/create-application.js';
import { runLoad } from '../lib/load.js';

const dialect = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
const connections = Number(process.argv[3] ?? 8);
const durationMs = Number(process.argv[4] ?? 5) * 1000;

const handle = await createTestDatabase(dialect);
try {
  const client = await createTestApplication(handle.db, { scopes: 'all', permissions: ['admin'] });
  const keyApp = await createApplication(testCtx(handle.db), {
    name: 'bench key',
    login_agent_id: client.agentId,
    auth_method: 'api_key',
  });
  const app = await buildTestApp(handle, { config: { logLevel: 'warn' } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const summary = (r: Awaited<ReturnType<typeof runLoad>>) => ({
    rps: Math.round(r.rps),
    p50: r.latencyMs.p50,
    p99: r.latencyMs.p99,
    errors: r.errors,
    statusCounts: r.statusCounts,
  });

  await runLoad({ url: `${url}/healthz`, connections, durationMs: 500 });
  const noop = await runLoad({ url: `${url}/healthz`, connections, durationMs });
  const roles = `${url}/admin/api/roles`;
  await runLoad({
    url: roles,
    headers: { authorization: client.authorization },
    connections,
    durationMs: 500,
  });
  const bearer = await runLoad({
    url: roles,
    headers: { authorization: client.authorization },
    connections,
    durationMs,
  });
  const apikey = await runLoad({
    url: roles,
    headers: { 'x-halo-api-key': keyApp.api_key ?? '' },
    connections,
    durationMs,
  });
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    scope: 'all',
  }).toString();
  const token = await runLoad({
    url: `${url}/auth/token`,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    connections,
    durationMs,
  });
  console.log(
    JSON.stringify(
      {
        dialect,
        connections,
        durationMs,
        noop: summary(noop),
        bearer: summary(bearer),
        apikey: summary(apikey),
        token: summary(token),
      },
      null,
      2,
    ),
  );
  await app.close();
} finally {
  await handle.drop();
}
