// Paged client search at scale: GET /api/Client?pageinate=true&page_size=50&search=<term> over 100,000
// customers (each with its main site), through the real app with a real bearer token. Target: p99 < 20 ms
// on SQLite. Search terms rotate between common, rare and absent words, and pages 1..3.
//   npx tsx bench/customers/paged-search.ts [sqlite|postgres] [customers] [connections] [seconds]
import { sql } from 'kysely';
import { createTestDatabase } from '../../src/db/testing.js';
import { buildTestApp, createTestApplication } from '../../src/auth/testing.js';
import { runLoad } from '../lib/load.js';
import { seedCustomers, TERMS } from './seed.js';

const dialect = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
const total = Number(process.argv[3] ?? 100_000);
const connections = Number(process.argv[4] ?? 1);
const durationMs = Number(process.argv[5] ?? 5) * 1000;

const handle = await createTestDatabase(dialect);
try {
  const db = handle.db;
  const t0 = performance.now();
  await seedCustomers(db, total);
  // A live PostgreSQL has autovacuum's statistics; a freshly bulk-loaded one needs them before planning.
  if (dialect === 'postgres') await sql`ANALYZE`.execute(db);
  const seedMs = Math.round(performance.now() - t0);

  const { authorization } = await createTestApplication(db, {
    scopes: 'read:customers',
    permissions: ['customers:read'],
  });
  const app = await buildTestApp(handle, { config: { logLevel: 'warn' } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const path = (n: number) =>
    `/api/Client?pageinate=true&page_size=50&page_no=${1 + (Math.floor(n / TERMS.length) % 3)}&search=${encodeURIComponent(TERMS[n % TERMS.length] ?? '')}`;
  const result = await runLoad({
    url: `${url}/api/Client`,
    path,
    headers: { authorization },
    connections,
    durationMs,
    warmupRequests: 100,
  });

  // Per term: the record_count, and sequential latencies (ms) over pages 1..3, to see which shapes cost.
  const perTerm: Record<string, { record_count: number; p50: number; max: number }> = {};
  for (const term of TERMS) {
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const r = await fetch(
        `${url}/api/Client?pageinate=true&page_size=50&page_no=${1 + (i % 3)}&search=${encodeURIComponent(term)}`,
        { headers: { authorization } },
      );
      const body = (await r.json()) as { record_count: number };
      times.push(performance.now() - t);
      if (i === 0) count = body.record_count;
    }
    times.sort((a, b) => a - b);
    perTerm[term] = {
      record_count: count,
      p50: Math.round((times[15] ?? 0) * 100) / 100,
      max: Math.round((times[29] ?? 0) * 100) / 100,
    };
  }
  const floor = await runLoad({
    url: `${url}/api/Client?pageinate=true&page_size=1&search=12345`,
    headers: { authorization },
    connections,
    durationMs: 2000,
    warmupRequests: 50,
  });
  console.log(
    JSON.stringify(
      {
        dialect,
        customers: total,
        seedMs,
        connections,
        durationMs,
        rps: result.rps,
        latencyMs: result.latencyMs,
        errors: result.errors,
        statusCounts: result.statusCounts,
        perTerm,
        authedFloorP50: floor.latencyMs.p50,
        authedFloorP99: floor.latencyMs.p99,
        targetP99Ms: 20,
        pass: result.latencyMs.p99 < 20,
      },
      null,
      2,
    ),
  );
  await app.close();
} finally {
  await handle.drop();
}
