// The LDAP read alone, without the database: how fast the connector reads and maps N users from a real slapd,
// in the read worker (what a sync does) and, for comparison, on the calling thread. For the worker it also says
// how busy the main thread was (event-loop utilisation): receiving pages is all the main thread does here,
// which is what a sync's writer pays for the read.
//
//   npx tsx bench/ldap/read-only.ts [--users 100000] [--ous 200] [--rounds 2] [--compiled] [--profile DIR]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSlapdFromLdif } from '../../test/servers/slapd.js';
import { createLogger } from '../../src/log.js';
import type { ConnectorContext, ContainerMapping } from '../../src/integrations/framework/contract.js';
import { LdapConfigSchema, type LdapConfig } from '../../src/integrations/ldap/manifest.js';
import type { readPeopleInThread } from '../../src/integrations/ldap/sync/people.js';
import type { readPeople } from '../../src/integrations/ldap/sync/worker-read.js';
import { generateLdif, ouDn } from './generate-ldif.js';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '100000' },
    ous: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '2' },
    /** Read through the compiled modules in dist/ (npm run build): the worker then runs without tsx. */
    compiled: { type: 'boolean', default: false },
    /** Internal: run one read in this process (spawned per read so each has its own CPU profile and RSS). */
    child: { type: 'string' },
    profile: { type: 'string' },
  },
});
const USERS = Number(args.users);
const OUS = Number(args.ous);

interface Result {
  mode: string;
  users: number;
  seconds: number;
  firstPageMs: number;
  mainBusyPct: number;
  peakRssMb: number;
}

async function readOnce(where: 'worker' | 'thread', config: unknown, mappings: ContainerMapping[]) {
  const parsed = LdapConfigSchema.parse(config);
  const ctx: ConnectorContext<LdapConfig> = {
    config: parsed,
    instanceId: 1,
    log: createLogger('warn'),
    signal: new AbortController().signal,
    mappings,
    progress: () => undefined,
    secretValues: parsed.domains.map((d) => d.bindPassword),
  };
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  const root = args.compiled ? '../../dist/src' : '../../src';
  const read: typeof readPeople | typeof readPeopleInThread =
    where === 'worker'
      ? ((await import(`${root}/integrations/ldap/sync/worker-read.js`)) as { readPeople: typeof readPeople })
          .readPeople
      : (
          (await import(`${root}/integrations/ldap/sync/people.js`)) as {
            readPeopleInThread: typeof readPeopleInThread;
          }
        ).readPeopleInThread;
  const stream = await read(ctx, 'users', undefined);
  let users = 0;
  let firstPageMs = 0;
  for await (const page of stream.pages) {
    if (!firstPageMs) firstPageMs = performance.now() - t0;
    users += page.records.length;
  }
  const seconds = (performance.now() - t0) / 1000;
  const elu = performance.eventLoopUtilization(elu0);
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const result: Result = {
    mode: where,
    users,
    seconds,
    firstPageMs,
    mainBusyPct: elu.utilization * 100,
    peakRssMb: Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024),
  };
  return result;
}

if (args.child) {
  const { where, config, mappings } = JSON.parse(args.child) as {
    where: 'worker' | 'thread';
    config: unknown;
    mappings: ContainerMapping[];
  };
  process.stdout.write(`${JSON.stringify(await readOnce(where, config, mappings))}\n`);
  process.exit(0);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-bench-ldap-read-'));
try {
  const ldif = path.join(dir, 'users.ldif');
  await generateLdif(ldif, { users: USERS, ous: OUS });
  const slapd = await startSlapdFromLdif(ldif, { sizeLimit: 1000 });
  try {
    const url = new URL(slapd.ldapsUrl);
    const config = {
      domains: [
        {
          id: 'corp',
          hosts: [url.hostname],
          port: Number(url.port),
          security: 'ldaps',
          caCertificate: slapd.caCertPem,
          bindDn: slapd.bindDn,
          bindPassword: slapd.bindPassword,
          baseDns: [slapd.baseDn],
        },
      ],
      pageSize: 1000,
    };
    const mappings: ContainerMapping[] = Array.from({ length: OUS }, (_, k) => ({
      externalId: ouDn(k, slapd.baseDn),
      target: { kind: 'site', customerId: 1, siteId: k + 1 },
      recursive: false,
      filter: null,
    }));
    console.log(
      '| read | users | seconds | users/s | first page ms | main thread busy | peak RSS MB | slapd CPU s |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    const slapdCpu = () => {
      const f = fs.readFileSync(`/proc/${slapd.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(f[11]) + Number(f[12])) / 100;
    };
    for (let round = 0; round < Number(args.rounds); round++) {
      for (const where of ['worker', 'thread'] as const) {
        const cpu0 = slapdCpu();
        const prof = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [];
        const out = await new Promise<string>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [
              ...prof,
              '--import',
              'tsx',
              import.meta.filename,
              ...(args.compiled ? ['--compiled'] : []),
              '--child',
              JSON.stringify({ where, config, mappings }),
            ],
            { stdio: ['ignore', 'pipe', 'inherit'] },
          );
          let s = '';
          child.stdout.setEncoding('utf8').on('data', (d: string) => (s += d));
          child.once('exit', (code) => (code === 0 ? resolve(s) : reject(new Error(`read exited ${code}`))));
        });
        const r = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Result;
        const slapdSeconds = slapdCpu() - cpu0;
        if (r.users !== USERS) throw new Error(`read ${r.users} users, expected ${USERS}`);
        console.log(
          `| ${r.mode} | ${r.users.toLocaleString()} | ${r.seconds.toFixed(2)} | ${Math.round(r.users / r.seconds).toLocaleString()} | ${Math.round(r.firstPageMs)} | ${r.mainBusyPct.toFixed(0)} % | ${r.peakRssMb} | ${slapdSeconds.toFixed(2)} |`,
        );
      }
    }
  } finally {
    await slapd.stop();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
