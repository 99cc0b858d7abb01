// Where a ticket create's time goes: CPU per request (client and server in this process) for the no-op
// route, an authenticated 404, an authenticated 400 (bad body), ticket creates with a real token, and the
// same creates with the test app's header-based actor (no token lookup).
//   npx tsx bench/tickets/breakdown.ts [sqlite|postgres]
import { createTestDatabase } from '../../src/db/testing.js';
import { buildTestApp, createTestApplication } from '../../src/auth/testing.js';
import { buildHaloTestApp } from '../../src/api/halo/testing.js';
import { seedFixture } from '../../src/core/tickets/testing.js';
import { runLoad, type LoadOptions } from '../lib/load.js';

const handle = await createTestDatabase((process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres');
try {
  const f = await seedFixture(handle.db);
  const team = (
    await handle.db
      .selectFrom('teams')
      .select('name')
      .where('id', '=', f.teamSupport)
      .executeTakeFirstOrThrow()
  ).name;
  const { authorization } = await createTestApplication(handle.db, { scopes: 'all', permissions: ['admin'] });
  const app = await buildTestApp(handle, { config: { logLevel: 'warn' } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const noAuthApp = await buildHaloTestApp(handle);
  const noAuthUrl = await noAuthApp.listen({ port: 0, host: '127.0.0.1' });
  const full = JSON.stringify([
    {
      summary: 'Vuln',
      details: 'CVE',
      client_id: f.customerA,
      site_id: f.siteA1,
      user_id: f.userA1,
      tickettype_id: 4,
      priority_id: 1,
      status_id: 1,
      team,
      agent_id: f.agent,
      category_1: 'Security',
      urgency: 1,
      impact: 6,
    },
  ]);
  const min = JSON.stringify([{ summary: 'Vuln' }]);
  const json = { 'content-type': 'application/json' };
  const h = { authorization, ...json };
  const cases: Array<[string, Omit<LoadOptions, 'connections' | 'durationMs'>]> = [
    ['noop GET /healthz', { url: `${url}/healthz` }],
    ['token, GET /Tickets/999999 (404)', { url: `${url}/api/Tickets/999999`, headers: h }],
    [
      'token, POST bad body (400)',
      { url: `${url}/api/Tickets`, method: 'POST', headers: h, body: JSON.stringify([{ summary: 5 }]) },
    ],
    ['token, POST minimal ticket', { url: `${url}/api/Tickets`, method: 'POST', headers: h, body: min }],
    ['token, POST full ticket', { url: `${url}/api/Tickets`, method: 'POST', headers: h, body: full }],
    [
      'no token lookup, POST minimal',
      { url: `${noAuthUrl}/api/Tickets`, method: 'POST', headers: json, body: min },
    ],
    [
      'no token lookup, POST full',
      { url: `${noAuthUrl}/api/Tickets`, method: 'POST', headers: json, body: full },
    ],
  ];
  for (const [name, opts] of cases) {
    await runLoad({ ...opts, connections: 4, durationMs: 500 });
    const c0 = process.cpuUsage();
    const r = await runLoad({ ...opts, connections: 4, durationMs: 3000, warmupRequests: 0 });
    const c = process.cpuUsage(c0);
    console.log(
      `${name.padEnd(34)} rps ${String(r.rps).padStart(6)}  cpu µs/req ${String(Math.round((c.user + c.system) / r.requests)).padStart(5)}  ${JSON.stringify(r.statusCounts)}`,
    );
  }
  await app.close();
  await noAuthApp.close();
} finally {
  await handle.drop();
}
