// Ticket-create throughput against the no-op floor on the same server: POST /api/Tickets (a real token, a
// user, a team by name, an agent: the ConnectSecure shape) versus GET /healthz. The target is ≥ 30 %.
//   npx tsx bench/tickets/create-vs-noop.ts [sqlite|postgres] [connections] [seconds]
import { createTestDatabase } from '../../src/db/testing.js';
import { buildTestApp } from '../../src/auth/testing.js';
import { createTestApplication } from '../../src/auth/testing.js';
import { seedFixture } from '../../src/core/tickets/testing.js';
import { runLoad } from '../lib/load.js';

const dialect = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
const connections = Number(process.argv[3] ?? 16);
const durationMs = Number(process.argv[4] ?? 5) * 1000;

const handle = await createTestDatabase(dialect);
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

  // CPU per request (client and server share this process) is reported too: on a busy machine it is a
  // steadier comparison than requests/second.
  const measured = async (opts: Parameters<typeof runLoad>[0]) => {
    const c0 = process.cpuUsage();
    const r = await runLoad({ ...opts, warmupRequests: 0 });
    const c = process.cpuUsage(c0);
    return { ...r, cpuMicrosPerRequest: Math.round((c.user + c.system) / Math.max(1, r.requests)) };
  };
  // Warm both routes first (JIT, statement cache, reference-data cache).
  await runLoad({ url: `${url}/healthz`, connections, durationMs: 500 });
  const noop = await measured({ url: `${url}/healthz`, connections, durationMs });
  const body = (n: number) =>
    JSON.stringify([
      {
        summary: `Vulnerability ${n} on host`,
        details: 'CVE-2026-0001 found',
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
  const post = {
    url: `${url}/api/Tickets`,
    method: 'POST' as const,
    headers: { authorization, 'content-type': 'application/json' },
    body,
    connections,
  };
  await runLoad({ ...post, durationMs: 500 });
  const create = await measured({ ...post, durationMs });
  const ratio = create.rps / noop.rps;
  console.log(
    JSON.stringify(
      {
        dialect,
        connections,
        durationMs,
        noop: {
          rps: noop.rps,
          p99: noop.latencyMs.p99,
          cpuMicrosPerRequest: noop.cpuMicrosPerRequest,
          errors: noop.errors,
        },
        create: {
          rps: create.rps,
          p50: create.latencyMs.p50,
          p99: create.latencyMs.p99,
          cpuMicrosPerRequest: create.cpuMicrosPerRequest,
          errors: create.errors,
          statusCounts: create.statusCounts,
        },
        ratio: Math.round(ratio * 1000) / 1000,
        cpuRatio: Math.round((noop.cpuMicrosPerRequest / create.cpuMicrosPerRequest) * 1000) / 1000,
        target: 0.3,
        pass: ratio >= 0.3,
      },
      null,
      2,
    ),
  );
  await app.close();
} finally {
  await handle.drop();
}
