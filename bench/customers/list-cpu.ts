// CPU time (not wall time, which a busy machine distorts) of listCustomers per search shape over N customers
// on SQLite: the database work behind GET /api/Client?pageinate=true&page_size=50&search=….
//   npx tsx bench/customers/list-cpu.ts [customers]
import { createTestDatabase } from '../../src/db/testing.js';
import { testCtx } from '../../src/auth/testing.js';
import { listCustomers } from '../../src/core/customers/list-customers.js';
import { pageWindow } from '../../src/core/shared/list.js';
import { seedCustomers, TERMS } from './seed.js';

const total = Number(process.argv[2] ?? 100_000);
const handle = await createTestDatabase('sqlite');
try {
  await seedCustomers(handle.db, total);
  const ctx = testCtx(handle.db);
  const out: Record<string, { record_count: number; cpuMsPerCall: number }> = {};
  for (const term of [...TERMS, 'ab']) {
    let count = 0;
    for (let i = 0; i < 5; i++)
      await listCustomers(ctx, { search: term, window: pageWindow(1 + (i % 3), 50) });
    const c0 = process.cpuUsage();
    const n = 30;
    for (let i = 0; i < n; i++)
      count = (await listCustomers(ctx, { search: term, window: pageWindow(1 + (i % 3), 50) })).total;
    const c = process.cpuUsage(c0);
    out[term] = {
      record_count: count,
      cpuMsPerCall: Math.round(((c.user + c.system) / 1000 / n) * 100) / 100,
    };
  }
  console.log(JSON.stringify({ customers: total, perTerm: out }, null, 2));
} finally {
  await handle.drop();
}
