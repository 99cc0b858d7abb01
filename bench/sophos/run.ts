// Benchmark: a full Sophos import (customers + licences) through the real runner on SQLite, against the
// fake Sophos Central with per-request latency and a per-credential rate limit. Run by hand:
//   npx tsx bench/sophos/run.ts [--tenants 2000] [--licences 5] [--latency 20] [--rate 50] [--burst 50]
//                               [--concurrency 8] [--page-size 100]
// Reports wall time against the lower bound max(requests × latency ÷ concurrency, (requests − burst) ÷ rate),
// peak RSS and the 429s the fake sent. Results and method: bench/README.md, "Sophos import".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeSophos } from '../../test/fakes/sophos/index.js';
import { loadConfig } from '../../src/config/env.js';
import { systemActor } from '../../src/core/context.js';
import { createTopLevel } from '../../src/core/toplevels/save-top-level.js';
import { createCipher } from '../../src/crypto/cipher.js';
import { newKey, ringFrom } from '../../src/crypto/keyring.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createLogger } from '../../src/log.js';
import type { Services } from '../../src/services.js';
import {
  createInstance,
  integrationCtx,
  runInstance,
  type RunOutcome,
} from '../../src/integrations/framework/index.js';

const { values: a } = parseArgs({
  options: {
    tenants: { type: 'string', default: '2000' },
    licences: { type: 'string', default: '5' },
    latency: { type: 'string', default: '20' },
    rate: { type: 'string', default: '50' },
    burst: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '8' },
    'page-size': { type: 'string', default: '100' },
  },
});
const n = (v: string | undefined) => Number(v);
const o = {
  tenants: n(a.tenants),
  licences: n(a.licences),
  latency: n(a.latency),
  rate: n(a.rate),
  burst: n(a.burst),
  concurrency: n(a.concurrency),
  pageSize: n(a['page-size']),
};

/** Peak RSS, sampled (the kernel's maxRSS is also reported, as a cross-check). */
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-bench-sophos-'));
const handle = openDatabase({ sqliteFile: path.join(dir, 'bench.db') });
const fake = await startFakeSophos({
  tenants: o.tenants,
  licencesPerTenant: o.licences,
  latencyMs: o.latency,
  rateLimit: { requestsPerSecond: o.rate, burst: o.burst },
  seed: 2026,
});
try {
  await migrateToLatest(handle.db);
  const key = newKey();
  const services: Services = {
    db: handle.db,
    dialect: 'sqlite',
    config: loadConfig({}, { dataDir: dir, masterKey: key.toString('base64') }),
    log: createLogger('warn'),
    cipher: createCipher(ringFrom([key], 'bench')),
  };
  const ctx = integrationCtx(services, systemActor());
  const topLevel = await createTopLevel(ctx, { name: 'Sophos' });
  const cred = fake.credentials.partner;
  const instance = await createInstance(ctx, {
    connectorId: 'sophos',
    name: 'Sophos bench',
    config: {
      clientId: cred.clientId,
      clientSecret: cred.clientSecret,
      idUrl: fake.idUrl,
      apiUrl: fake.apiUrl,
      allowInsecureHttp: true,
      concurrency: o.concurrency,
      pageSize: o.pageSize,
    },
    unmappedPolicy: 'create_customer',
    createUnderToplevelId: topLevel.id,
  });

  const timed = async (
    label: string,
  ): Promise<{
    label: string;
    ms: number;
    customersMs: number;
    out: RunOutcome;
    requests: number;
    rateLimited: number;
    maxInFlight: number;
  }> => {
    fake.stats.reset();
    const t0 = performance.now();
    const out = await runInstance(services, {
      instanceId: instance.id,
      entities: ['customers', 'licences'],
      trigger: 'manual',
    });
    const ms = performance.now() - t0;
    // When the licences read began (its first licence call): before that the run is the customers import.
    const firstLicence = fake.stats.log.find((e) => e.route === 'licenses');
    const customersMs = firstLicence ? firstLicence.startedAt - (Date.now() - ms) : ms;
    return {
      label,
      ms,
      customersMs,
      out,
      requests: fake.stats.total,
      rateLimited: fake.stats.rateLimited,
      maxInFlight: fake.stats.maxInFlight,
    };
  };

  const first = await timed('first import');
  const again = await timed('rerun (unchanged)');
  for (const r of [first, again]) {
    if (r.out.status !== 'succeeded')
      throw new Error(`${r.label} ended ${r.out.status}: ${JSON.stringify(r.out.error)}`);
  }
  const tenantPages = Math.ceil(o.tenants / o.pageSize);
  // Requests a perfect client must make: token, whoami and every tenant page, once per entity (customers
  // and licences each list the tenants), plus one licence call per tenant.
  const needed = 2 * (2 + tenantPages) + o.tenants;
  const latencyBound = (needed * o.latency) / o.concurrency;
  const rateBound = (Math.max(0, needed - 1 - o.burst) / o.rate) * 1000; // the token call is not rate limited
  const bound = Math.max(latencyBound, rateBound);
  const report = {
    setup: { ...o, fakeRateLimit: `${o.rate} req/s sustained, burst ${o.burst}, per credential` },
    lowerBoundMs: Math.round(bound),
    latencyBoundMs: Math.round(latencyBound),
    rateBoundMs: Math.round(rateBound),
    runs: [first, again].map((r) => ({
      run: r.label,
      wallMs: Math.round(r.ms),
      ratioToBound: Number((r.ms / bound).toFixed(3)),
      customersPhaseMs: Math.round(r.customersMs),
      licencesPhaseMs: Math.round(r.ms - r.customersMs),
      requestsSent: r.requests,
      requestsNeeded: needed,
      status429: r.rateLimited,
      maxInFlight: r.maxInFlight,
      counts: r.out.counts,
    })),
    peakRssMiB: Math.round(peakRss / 1048576),
    maxRssKernelMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    node: process.version,
    cpus: os.cpus().length,
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  clearInterval(sampler);
  await fake.close();
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
