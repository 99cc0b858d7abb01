// bench/api: ticket creation and paged customer search over 100,000 customers on SQLite, each against a
// no-op route of the same server in the same run. Run by hand: npx tsx bench/api/run.ts [--customers N]
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { runLoad, type LoadResult } from '../lib/load.js';
import { seed } from './seed.js';

const args = process.argv.slice(2);
const customers = Number(args[args.indexOf('--customers') + 1] || 100_000) || 100_000;
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);

async function startServer(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'server.ts'), dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const first = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, port: (JSON.parse(first) as { port: number }).port };
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

const fmt = (r: LoadResult) =>
  `${String(r.rps).padStart(7)} req/s  p50 ${r.latencyMs.p50} ms  p99 ${r.latencyMs.p99} ms  errors ${r.errors} ${JSON.stringify(r.statusCounts)}`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-bench-api-'));
try {
  console.log(`Seeding ${customers.toLocaleString()} customers (SQLite, ${dir}) …`);
  const t0 = performance.now();
  const { authorization } = await seed(dir, customers);
  console.log(`  seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const { child, port } = await startServer(dir);
  const base = `http://127.0.0.1:${port}`;
  const json = { 'content-type': 'application/json', authorization };
  console.log(
    `Load: ${connections} connections × ${durationMs / 1000} s per scenario, on ${os.cpus().length} cores (server and load share them)`,
  );

  const noopPost = await runLoad({
    url: `${base}/bench/noop`,
    method: 'POST',
    headers: json,
    body: '[{"summary":"x"}]',
    connections,
    durationMs,
  });
  console.log(`no-op POST           ${fmt(noopPost)}`);
  const create = await runLoad({
    url: `${base}/api/Tickets`,
    method: 'POST',
    headers: json,
    connections,
    durationMs,
    body: (n) =>
      JSON.stringify([
        {
          summary: `Printer on floor ${n % 7} offline`,
          details: 'Reported by phone',
          client_id: 1 + (n % customers),
          tickettype_id: 1,
          priority_id: 1 + (n % 4),
        },
      ]),
  });
  console.log(`POST /api/Tickets    ${fmt(create)}`);

  const noopGet = await runLoad({ url: `${base}/healthz`, connections, durationMs });
  console.log(`no-op GET            ${fmt(noopGet)}`);
  const terms = [
    'north',
    'dental',
    'logistics',
    'summit legal',
    'group 1',
    'cedar',
    'holdings',
    '4242',
    'maple clinic',
    'zzz-none',
  ];
  const search = await runLoad({
    url: `${base}/api/Client`,
    headers: { authorization },
    connections,
    durationMs,
    path: (n) =>
      `/api/Client?pageinate=true&page_size=50&page_no=${1 + (n % 5)}&search=${encodeURIComponent(terms[n % terms.length]!)}`,
  });
  console.log(`GET /api/Client      ${fmt(search)}`);

  const searchSerial = await runLoad({
    url: `${base}/api/Client`,
    headers: { authorization },
    connections: 1,
    durationMs,
    path: (n) =>
      `/api/Client?pageinate=true&page_size=50&page_no=${1 + (n % 5)}&search=${encodeURIComponent(terms[n % terms.length]!)}`,
  });
  console.log(`GET /api/Client ×1   ${fmt(searchSerial)}  (one connection: latency without queueing)`);

  console.log('\nResults');
  console.log(
    `  ticket creation: ${create.rps} req/s = ${((create.rps / noopPost.rps) * 100).toFixed(1)} % of the no-op POST (target ≥ 30 %)`,
  );
  console.log(
    `  customer search: p99 ${searchSerial.latencyMs.p99} ms with one connection (target < 20 ms); ${search.rps} req/s = ${((search.rps / noopGet.rps) * 100).toFixed(1)} % of the no-op GET under ${connections} connections (p99 ${search.latencyMs.p99} ms)`,
  );
  console.log(`  server peak RSS: ${peakRssMb(child.pid!)} MB`);
  child.kill('SIGTERM');
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
