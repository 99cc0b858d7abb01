// bench/reconcile: the write path alone. N directory users, generated in memory (the same people bench/ldap
// puts into slapd), generated page by page by a connector with no I/O, imported into a fresh SQLite
// database: what a first import costs on the main thread once reading is free. Compare with bench/ldap (a).
//
//   npx tsx bench/reconcile/run.ts [--users 100000] [--ous 200] [--page 1000] [--runs 2]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCustomer } from '../../src/core/customers/create-customer.js';
import { createSite } from '../../src/core/sites/create-site.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { ExternalPerson } from '../../src/integrations/framework/contract.js';
import { addMapping, createInstance, runInstance } from '../../src/integrations/framework/index.js';
import { memoryConnector } from '../../src/integrations/framework/memory-connector.test-support.js';
import { defineConnector, defineSync } from '../../src/integrations/framework/contract.js';
import { z } from 'zod';
import { adminCtx, testServices } from '../../src/integrations/framework/testing.js';
import { registerExtraConnector } from '../../src/integrations/registry.js';
import { ouDn, userAt } from '../ldap/generate-ldif.js';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '100000' },
    ous: { type: 'string', default: '200' },
    page: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '2' },
  },
});
const USERS = Number(args.users);
const OUS = Number(args.ous);

const PAGE = Number(args.page);

/** User i as the LDAP connector would emit it (made when its page is read, so only pages in flight are held). */
function person(i: number): ExternalPerson {
  const u = userAt(i, { users: USERS, ous: OUS });
  return {
    externalId: `corp:${crypto.randomUUID()}`,
    containerId: ouDn(u.ouIndex),
    disabled: false,
    fields: {
      name: u.cn,
      firstname: u.givenName,
      surname: u.sn,
      email: u.mail,
      phone: u.telephoneNumber,
      mobile: null,
      title: u.title,
      department: u.departmentNumber,
      office: null,
      manager: null,
      employee_id: null,
      login: u.uid,
    },
    match: { field: 'email', value: u.mail },
  };
}

// The memory connector's manifest and checks, with a users read that generates its pages on the fly.
const generated = defineConnector<{ token: string }>({
  ...memoryConnector,
  manifest: { ...memoryConnector.manifest, id: 'bench-people', entities: ['users'] },
  syncs: {
    users: defineSync<{ token: string }, 'users', { page: number }>({
      entity: 'users',
      recordType: 'user',
      cursorSchema: z.object({ page: z.number() }),
      async read() {
        async function* pages() {
          for (let from = 0; from < USERS; from += PAGE) {
            const records = Array.from({ length: Math.min(PAGE, USERS - from) }, (_, j) => person(from + j));
            yield { records, cursor: { page: from / PAGE } };
          }
        }
        return { mode: 'full' as const, reason: 'bench', pages: pages() };
      },
    }),
  },
});
registerExtraConnector(generated);

async function once(): Promise<{ seconds: number; cpuSeconds: number; rssMb: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-bench-reconcile-'));
  const handle = openDatabase({ sqliteFile: path.join(dir, 'bench.db') });
  try {
    await migrateToLatest(handle.db);
    const services = testServices(handle);
    const ctx = adminCtx(services);
    const inst = await createInstance(ctx, {
      connectorId: 'bench-people',
      name: 'bench',
      entities: ['users'],
      config: { token: 'x' },
    });
    let customerId = 0;
    for (let k = 0; k < OUS; k++) {
      if (k % 10 === 0) customerId = (await createCustomer(ctx, { name: `Bench customer ${k / 10}` })).id;
      const site = await createSite(ctx, { customerId, name: `Bench site ${k}` });
      await addMapping(ctx, inst.id, {
        externalId: ouDn(k),
        containerKind: 'ou',
        target: { kind: 'site', siteId: site.id },
      });
    }
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const outcome = await runInstance(services, {
      instanceId: inst.id,
      trigger: 'manual',
      entities: ['users'],
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const created = outcome.counts.users?.created;
    if (outcome.status !== 'succeeded' || created !== USERS)
      throw new Error(`run ${outcome.status}: ${JSON.stringify(outcome.counts)}`);
    const m = process.memoryUsage();
    if (process.env.BENCH_MEMORY)
      console.log(
        `  heapTotal ${Math.round(m.heapTotal / 2 ** 20)} MB, heapUsed ${Math.round(m.heapUsed / 2 ** 20)} MB, external ${Math.round(m.external / 2 ** 20)} MB, rss now ${Math.round(m.rss / 2 ** 20)} MB`,
      );
    const rssMb = Math.round(
      Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024,
    );
    return { seconds, cpuSeconds, rssMb };
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (let r = 0; r < Number(args.runs); r++) {
  const { seconds, cpuSeconds, rssMb } = await once();
  console.log(
    `run ${r + 1}: ${USERS.toLocaleString()} users in ${seconds.toFixed(2)} s = ${Math.round(USERS / seconds).toLocaleString()} users/s, CPU ${cpuSeconds.toFixed(2)} s (process peak RSS ${rssMb} MB)`,
  );
}
