// bench/ldap: the LDAP connector against a real slapd holding N generated users in K OUs, each OU mapped to a
// site. In one run: the floor (ldapsearch -E pr=1000/noprompt reading the same entries), (a) the first full
// import, (b) an incremental run with no changes, (c) an incremental run after 1 % modified, 0.5 % deleted and
// 0.5 % moved, (d) the full reconcile that finds the deletions (OpenLDAP keeps no tombstones, so an incremental
// read cannot see them). Every sync runs in a child process (bench/ldap/sync-child.ts) so its peak RSS is its own.
//
//   npx tsx bench/ldap/run.ts [--users 100000] [--ous 200] [--million] [--import-only] [--profile DIR]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSlapdFromLdif, type SlapdServer } from '../../test/servers/slapd.js';
import { createCustomer } from '../../src/core/customers/create-customer.js';
import { createSite } from '../../src/core/sites/create-site.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import {
  addMapping,
  createInstance,
  updateInstance,
  type RunOutcome,
} from '../../src/integrations/framework/index.js';
import { adminCtx, testServices } from '../../src/integrations/framework/testing.js';
import { newKey } from '../../src/crypto/keyring.js';
import { generateLdif, ouDn, userAt, type LdifOptions } from './generate-ldif.js';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '100000' },
    ous: { type: 'string', default: '200' },
    million: { type: 'boolean', default: false },
    /** Only the 1,000,000-user import (a), without the --users scenarios first. */
    'million-only': { type: 'boolean', default: false },
    /** Only the floor and (a) at --users: the quick loop while working on the import path. */
    'import-only': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    /**
     * Run every sync as users do, with the compiled CLI (`node bin/tributary.js sync <id> --json`, needs
     * `npm run build`), instead of the tsx child: no TypeScript loader in the measured process.
     */
    compiled: { type: 'boolean', default: false },
    /** Write a V8 CPU profile of every sync child into this directory (node --cpu-prof). */
    profile: { type: 'string' },
    /** With --compiled: the CLI to run instead of this checkout's (A/B against another build of Tributary). */
    bin: { type: 'string' },
    /** With --compiled: extra Node flags for the sync process, space-separated (e.g. "--max-semi-space-size=32"). */
    'node-flags': { type: 'string', default: '' },
    /**
     * Let slapadd stamp the users' entryUUIDs (time-based, so nearly sorted in read order), as before
     * 2026-11-22 12:00 UTC, instead of giving each a random one as a real directory's are (generate-ldif.ts).
     */
    'sorted-uuids': { type: 'boolean', default: false },
  },
});
const USERS = Number(args.users);
const OUS = Number(args.ous);
const PAGE = 1000;
const SITES_PER_CUSTOMER = 10;
/** Users created long ago (as in a real directory), so "changed since the watermark" means changed. */
const LONG_AGO = '20250101000000Z';
// The attributes the connector reads for an OpenLDAP user (mappers.ts attributesToRead).
const ATTRIBUTES = [
  'entryUUID',
  'cn',
  'displayName',
  'givenName',
  'sn',
  'mail',
  'telephoneNumber',
  'mobile',
  'title',
  'departmentNumber',
  'roomNumber',
  'manager',
  'employeeNumber',
  'uid',
  'pwdAccountLockedTime',
  'pwdEndTime',
  'pwdStartTime',
  'modifyTimestamp',
];
// The users (the connector's person filter also matches the bind account's entry, outside every mapped OU).
const PERSON_FILTER = '(objectClass=inetOrgPerson)';

interface Row {
  scenario: string;
  users: number;
  seconds: number;
  peakRssMb: number | null;
  /** CPU seconds of the sync process, all threads (compiled CLI only). */
  cpuSeconds?: number | undefined;
  /** The same by thread: the main thread's, then the others' by CPU, busiest first (compiled CLI only). */
  threadCpu?: number[] | undefined;
  note: string;
}

const rows: Row[] = [];
const key = newKey();

function sh(
  cmd: string,
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  stdout: 'ignore' | 'pipe' = 'pipe',
): Promise<{ out: string; peakRssKb: number; cpuSeconds: number; threadCpu: number[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', stdout, 'inherit'], env: { ...process.env, ...env } });
    let out = '';
    let peakRssKb = 0;
    let cpuSeconds = 0;
    /** CPU seconds by thread id, as last sampled. */
    const threads = new Map<number, number>();
    // ldapsearch's own peak: sampled while it runs (it exits before we could read VmHWM afterwards).
    const sample = setInterval(() => {
      try {
        const kb = Number(
          /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0,
        );
        if (kb > peakRssKb) peakRssKb = kb;
        // utime + stime of the whole process (every thread), in clock ticks of 1/100 s.
        const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpuSeconds = (Number(f[11]) + Number(f[12])) / 100;
        for (const tid of fs.readdirSync(`/proc/${child.pid}/task`)) {
          const t = fs.readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
          const g = t.slice(t.lastIndexOf(')') + 2).split(' ');
          threads.set(Number(tid), (Number(g[11]) + Number(g[12])) / 100);
        }
      } catch {
        /* exited */
      }
    }, 50);
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(sample);
      // Every thread's name is "node", so the main thread is known by its id (the process's) and the rest by CPU.
      const others = [...threads].filter(([tid, cpu]) => tid !== child.pid && cpu > 0).map(([, cpu]) => cpu);
      const threadCpu = [threads.get(child.pid ?? -1) ?? 0, ...others.sort((x, y) => y - x)];
      if (code === 0) resolve({ out, peakRssKb, cpuSeconds, threadCpu });
      else reject(new Error(`${cmd} exited with ${code}`));
    });
  });
}

/** The floor: OpenLDAP's own client reading the same entries, paged by 1000, output discarded. */
async function floor(slapd: SlapdServer): Promise<{ seconds: number; peakRssKb: number; entries: number }> {
  const t0 = performance.now();
  const { peakRssKb } = await sh(
    'bash',
    [
      '-c',
      `ldapsearch -LLL -H "$URL" -x -D "$DN" -w "$PW" -b "$BASE" -E pr=${PAGE}/noprompt '${PERSON_FILTER}' ${ATTRIBUTES.join(' ')} > /dev/null`,
    ],
    {
      URL: slapd.ldapsUrl,
      DN: slapd.bindDn,
      PW: slapd.bindPassword,
      BASE: slapd.baseDn,
      LDAPTLS_CACERT: slapd.caCertPath,
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  // Counted separately (not timed): the floor must have read every user.
  const count = await sh(
    'bash',
    [
      '-c',
      `ldapsearch -LLL -H "$URL" -x -D "$DN" -w "$PW" -b "$BASE" -E pr=${PAGE}/noprompt '${PERSON_FILTER}' 1.1 | grep -c '^dn:'`,
    ],
    {
      URL: slapd.ldapsUrl,
      DN: slapd.bindDn,
      PW: slapd.bindPassword,
      BASE: slapd.baseDn,
      LDAPTLS_CACERT: slapd.caCertPath,
    },
  );
  return { seconds, peakRssKb, entries: Number(count.out.trim()) };
}

interface SyncResult {
  outcome: RunOutcome;
  seconds: number;
  peakRssKb: number;
  /** CPU time of the whole sync process, every thread (compiled CLI only; sampled, up to 50 ms short). */
  cpuSeconds?: number;
  threadCpu?: number[];
  modes: Record<string, { mode: string; reason: string } | null>;
}

const BIN = path.join(import.meta.dirname, '..', '..', 'bin', 'tributary.js');

/** The compiled CLI's sync; seconds are the run's own (started_at → finished_at), RSS is sampled (VmHWM). */
async function syncCompiled(dbFile: string, instanceId: number): Promise<SyncResult> {
  const prof = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [];
  const flags = args['node-flags'].split(' ').filter(Boolean);
  const { out, peakRssKb, cpuSeconds, threadCpu } = await sh(
    process.execPath,
    [...prof, ...flags, args.bin ?? BIN, 'sync', String(instanceId), '--entities', 'users', '--json'],
    {
      TRIBUTARY_DATA_DIR: path.dirname(dbFile),
      TRIBUTARY_MASTER_KEY: key.toString('base64'),
      TRIBUTARY_LOG_LEVEL: 'silent',
    },
  );
  const outcome = JSON.parse(out) as RunOutcome;
  const handle = openDatabase({ sqliteFile: dbFile });
  const run = await handle.db
    .selectFrom('integration_runs')
    .select(['started_at', 'finished_at', 'modes_json'])
    .where('id', '=', outcome.runId)
    .executeTakeFirstOrThrow();
  await handle.close();
  const seconds = (Date.parse(run.finished_at ?? '') - Date.parse(run.started_at)) / 1000;
  return {
    outcome,
    seconds,
    peakRssKb,
    cpuSeconds,
    threadCpu,
    modes: JSON.parse(run.modes_json ?? 'null') as SyncResult['modes'],
  };
}

async function sync(dbFile: string, instanceId: number): Promise<SyncResult> {
  if (args.compiled) {
    const result = await syncCompiled(dbFile, instanceId);
    if (result.outcome.status !== 'succeeded')
      throw new Error(
        `run ${result.outcome.runId}: ${result.outcome.status} ${JSON.stringify(result.outcome)}`,
      );
    return result;
  }
  const prof = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [];
  const { out } = await sh(
    process.execPath,
    [...prof, '--import', 'tsx', path.join(import.meta.dirname, 'sync-child.ts'), dbFile, String(instanceId)],
    { BENCH_MASTER_KEY: key.toString('base64') },
  );
  const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as SyncResult;
  if (result.outcome.status !== 'succeeded')
    throw new Error(
      `run ${result.outcome.runId}: ${result.outcome.status} ${JSON.stringify(result.outcome.error ?? result.outcome.counts)}`,
    );
  return result;
}

/** Peak RSS of the sync process doing nothing: Node, the tsx loader and the app's modules. */
async function baseline(dbFile: string): Promise<number> {
  if (args.compiled) {
    const { peakRssKb } = await sh(process.execPath, [args.bin ?? BIN, 'instances', 'list'], {
      TRIBUTARY_DATA_DIR: path.dirname(dbFile),
      TRIBUTARY_MASTER_KEY: key.toString('base64'),
      TRIBUTARY_LOG_LEVEL: 'silent',
    });
    return peakRssKb;
  }
  const { out } = await sh(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'sync-child.ts'), dbFile, '0'],
    { BENCH_MASTER_KEY: key.toString('base64') },
  );
  return (JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { peakRssKb: number }).peakRssKb;
}

function expectCounts(
  label: string,
  r: SyncResult,
  want: Partial<Record<'created' | 'updated' | 'unchanged' | 'inactivated' | 'failed' | 'skipped', number>>,
): void {
  const got = r.outcome.counts.users as Record<string, number> | undefined;
  for (const [k, v] of Object.entries(want)) {
    if (got?.[k] !== v) throw new Error(`${label}: expected ${k} = ${v}, got ${JSON.stringify(got)}`);
  }
}

const mb = (kb: number) => Math.round(kb / 1024);

/** A fresh SQLite database with the customers, sites (one per OU) and the instance with its OU mappings. */
async function prepare(
  dir: string,
  slapd: SlapdServer,
  ous: number,
): Promise<{ dbFile: string; instanceId: number; siteOf: number[] }> {
  const dbFile = path.join(dir, 'tributary.db');
  const handle = openDatabase({ sqliteFile: dbFile });
  await migrateToLatest(handle.db);
  const services = testServices(handle, { masterKey: key });
  const ctx = adminCtx(services);
  const url = new URL(slapd.ldapsUrl);
  const inst = await createInstance(ctx, {
    connectorId: 'ldap',
    name: 'bench slapd',
    entities: ['users'],
    // 0.5 % deletions must pass the guard unattended; 5 % would still wait for approval.
    sweepMaxAbsolute: 1_000_000,
    sweepMaxPercent: 5,
    config: {
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
      pageSize: PAGE,
    },
  });
  const siteOf: number[] = [];
  let customerId = 0;
  for (let k = 0; k < ous; k++) {
    if (k % SITES_PER_CUSTOMER === 0)
      customerId = (
        await createCustomer(ctx, {
          name: `Bench customer ${String(k / SITES_PER_CUSTOMER + 1).padStart(3, '0')}`,
        })
      ).id;
    const site = await createSite(ctx, { customerId, name: `Bench site ${k}` });
    siteOf.push(site.id);
    await addMapping(ctx, inst.id, {
      externalId: ouDn(k, slapd.baseDn),
      containerKind: 'ou',
      target: { kind: 'site', siteId: site.id },
    });
  }
  await handle.close();
  return { dbFile, instanceId: inst.id, siteOf };
}

async function setIncremental(dbFile: string, instanceId: number, incremental: boolean): Promise<void> {
  const handle = openDatabase({ sqliteFile: dbFile });
  await updateInstance(adminCtx(testServices(handle, { masterKey: key })), instanceId, {
    config: { incremental },
  });
  await handle.close();
}

// Which users change in (c): disjoint residues, so each user has exactly one change.
const isModified = (i: number) => i % 100 === 1;
const isDeleted = (i: number) => i % 200 === 2;
const isMoved = (i: number) => i % 200 === 3;

async function changeDirectory(
  slapd: SlapdServer,
  o: LdifOptions,
): Promise<{ modified: number; deleted: number; moved: number }> {
  let ldif = '';
  const n = { modified: 0, deleted: 0, moved: 0 };
  for (let i = 0; i < o.users; i++) {
    const u = userAt(i, o);
    if (isModified(i)) {
      ldif += `dn: ${u.dn}\nchangetype: modify\nreplace: title\ntitle: Benchmark title ${i}\n-\n\n`;
      n.modified++;
    } else if (isDeleted(i)) {
      ldif += `dn: ${u.dn}\nchangetype: delete\n\n`;
      n.deleted++;
    } else if (isMoved(i)) {
      ldif += `dn: ${u.dn}\nchangetype: modrdn\nnewrdn: uid=${u.uid}\ndeleteoldrdn: 1\nnewsuperior: ${ouDn((u.ouIndex + 1) % o.ous, o.baseDn)}\n\n`;
      n.moved++;
    }
  }
  await slapd.modify(ldif);
  return n;
}

/** Checks the database row by row against what the directory now holds. */
async function verify(dbFile: string, instanceId: number, o: LdifOptions, siteOf: number[]): Promise<void> {
  const handle = openDatabase({ sqliteFile: dbFile });
  let checked = 0;
  const batch = 5000;
  for (let from = 0; from < o.users; from += batch) {
    const logins = Array.from({ length: Math.min(batch, o.users - from) }, (_, j) => userAt(from + j, o).uid);
    const rows = await handle.db
      .selectFrom('end_users')
      .innerJoin('external_links', 'external_links.record_id', 'end_users.id')
      .select(['end_users.login', 'end_users.site_id', 'end_users.inactive', 'end_users.title'])
      .where('external_links.instance_id', '=', instanceId)
      .where('external_links.record_type', '=', 'user')
      .where('end_users.login', 'in', logins)
      .execute();
    const byLogin = new Map(rows.map((r) => [r.login, r]));
    for (let i = from; i < from + logins.length; i++) {
      const u = userAt(i, o);
      const r = byLogin.get(u.uid);
      const ou = isMoved(i) ? (u.ouIndex + 1) % o.ous : u.ouIndex;
      const title = isModified(i) ? `Benchmark title ${i}` : u.title;
      const inactive = isDeleted(i) ? 1 : 0;
      if (!r || r.site_id !== siteOf[ou] || r.inactive !== inactive || r.title !== title) {
        throw new Error(
          `user ${u.uid}: expected site ${siteOf[ou]} inactive ${inactive} title "${title}", got ${JSON.stringify(r)}`,
        );
      }
      checked++;
    }
  }
  const total = await handle.db
    .selectFrom('end_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(total.n) !== o.users) throw new Error(`expected ${o.users} end users, found ${total.n}`);
  await handle.close();
  console.log(`  verified: ${checked.toLocaleString()} users (site, active, title) and no extra rows`);
}

async function scenario(users: number, ous: number, full: boolean): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-bench-ldap-'));
  const o: LdifOptions = { users, ous, timestamp: LONG_AGO, randomUuids: !args['sorted-uuids'] };
  const ldif = path.join(dir, 'users.ldif');
  console.log(`\n${users.toLocaleString()} users in ${ous} OUs (${dir})`);
  let t = performance.now();
  const gen = await generateLdif(ldif, o);
  console.log(
    `  LDIF: ${gen.entries.toLocaleString()} entries, ${(gen.bytes / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const slapd = await startSlapdFromLdif(ldif, { sizeLimit: PAGE });
  try {
    console.log(
      `  slapadd ${(slapd.timings.slapaddMs / 1000).toFixed(1)} s, slapd start ${(slapd.timings.startMs / 1000).toFixed(1)} s`,
    );
    const f = await floor(slapd);
    if (f.entries !== users) throw new Error(`floor read ${f.entries} entries, expected ${users}`);
    rows.push({
      scenario: 'floor: ldapsearch -E pr=1000/noprompt',
      users,
      seconds: f.seconds,
      peakRssMb: mb(f.peakRssKb),
      note: '',
    });
    t = performance.now();
    const { dbFile, instanceId, siteOf } = await prepare(dir, slapd, ous);
    console.log(
      `  PSA side: ${ous} sites, ${ous} mappings in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const idle = await baseline(dbFile);
    rows.push({
      scenario: 'baseline: sync process, modules loaded, no sync',
      users,
      seconds: 0,
      peakRssMb: mb(idle),
      note: args.compiled ? 'compiled CLI: `instances list`' : 'node + tsx + the app',
    });
    const a = await sync(dbFile, instanceId);
    expectCounts('(a)', a, { created: users, updated: 0, failed: 0, inactivated: 0 });
    rows.push({
      scenario: '(a) first full import',
      users,
      seconds: a.seconds,
      peakRssMb: mb(a.peakRssKb),
      cpuSeconds: a.cpuSeconds,
      threadCpu: a.threadCpu,
      note: a.modes.users?.reason ?? '',
    });
    if (!full) return;

    const b = await sync(dbFile, instanceId);
    if (b.modes.users?.mode !== 'incremental') throw new Error(`(b) ran ${JSON.stringify(b.modes)}`);
    expectCounts('(b)', b, { created: 0, updated: 0, failed: 0, inactivated: 0 });
    rows.push({
      scenario: '(b) incremental, no changes',
      users,
      seconds: b.seconds,
      peakRssMb: mb(b.peakRssKb),
      cpuSeconds: b.cpuSeconds,
      threadCpu: b.threadCpu,
      note: `${b.modes.users.mode}: ${b.modes.users.reason}`,
    });

    const n = await changeDirectory(slapd, o);
    console.log(`  changed: ${n.modified} modified, ${n.deleted} deleted, ${n.moved} moved (ldapmodify)`);
    const c = await sync(dbFile, instanceId);
    if (c.modes.users?.mode !== 'incremental') throw new Error(`(c) ran ${JSON.stringify(c.modes)}`);
    // Modified and moved users are updated (title, site); deletions are invisible to an OpenLDAP delta read.
    expectCounts('(c)', c, { created: 0, updated: n.modified + n.moved, failed: 0, inactivated: 0 });
    rows.push({
      scenario: '(c) incremental after 1 % mod, 0.5 % del, 0.5 % move',
      users,
      seconds: c.seconds,
      peakRssMb: mb(c.peakRssKb),
      cpuSeconds: c.cpuSeconds,
      threadCpu: c.threadCpu,
      note: `${c.modes.users.mode}: ${c.modes.users.reason}`,
    });

    // The deletions need a full read; the admin's switch (incremental: false) forces one now instead of at
    // the next fullReconcileHours boundary.
    await setIncremental(dbFile, instanceId, false);
    const d = await sync(dbFile, instanceId);
    if (d.modes.users?.mode !== 'full') throw new Error(`(d) ran ${JSON.stringify(d.modes)}`);
    expectCounts('(d)', d, {
      created: 0,
      updated: 0,
      failed: 0,
      inactivated: n.deleted,
      unchanged: users - n.deleted,
    });
    rows.push({
      scenario: '(d) full reconcile (finds the deletions)',
      users,
      seconds: d.seconds,
      peakRssMb: mb(d.peakRssKb),
      cpuSeconds: d.cpuSeconds,
      threadCpu: d.threadCpu,
      note: `${d.modes.users.mode}: ${d.modes.users.reason}`,
    });
    await verify(dbFile, instanceId, o, siteOf);
  } finally {
    await slapd.stop();
    if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function table(): void {
  const floors = new Map(rows.filter((r) => r.scenario.startsWith('floor')).map((r) => [r.users, r.seconds]));
  const fullImport = new Map(
    rows.filter((r) => r.scenario.startsWith('(a)')).map((r) => [r.users, r.seconds]),
  );
  console.log(
    `\nload average: ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}   cores: ${os.cpus().length}`,
  );
  console.log('| scenario | users | seconds | users/s | × floor | % of (a) | peak RSS MB | CPU s | mode |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const fl = floors.get(r.users);
    const a = fullImport.get(r.users);
    const ratio = fl && !r.scenario.startsWith('floor') ? `${(r.seconds / fl).toFixed(2)}` : '';
    const pct = a && /^\([bcd]\)/.test(r.scenario) ? `${((100 * r.seconds) / a).toFixed(1)} %` : '';
    const timed = r.seconds > 0;
    const secs = timed ? r.seconds.toFixed(2) : '';
    const rate = timed ? Math.round(r.users / r.seconds).toLocaleString() : '';
    console.log(
      `| ${r.scenario} | ${r.users.toLocaleString()} | ${secs} | ${rate} | ${timed ? ratio : ''} | ${pct} | ${r.peakRssMb ?? ''} | ${r.cpuSeconds?.toFixed(2) ?? ''} | ${r.note} |`,
    );
  }
  const byThread = rows.filter((r) => r.threadCpu);
  if (byThread.length === 0) return;
  // The main thread runs the reconciler and SQLite; of the others, the busiest is normally the read worker and
  // the next four V8's helpers (the optimizing compiler, concurrent GC).
  console.log('\nCPU s by thread (main, then the others busiest first):');
  for (const r of byThread)
    console.log(
      `- ${r.scenario}, ${r.users.toLocaleString()}: ${r.threadCpu?.map((c) => c.toFixed(2)).join(', ')}`,
    );
}

try {
  if (!args['million-only']) await scenario(USERS, OUS, !args['import-only']);
  if (args.million || args['million-only']) await scenario(1_000_000, OUS, false);
} finally {
  table();
}
