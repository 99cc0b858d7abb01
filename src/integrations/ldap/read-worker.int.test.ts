// The LDAP read in its worker thread, against a real slapd: the main thread gets exactly what the in-thread read
// yields, failures arrive as the same AppErrors, the worker never runs more than its window ahead, and a read
// that stops early, is aborted or loses its worker ends with the worker gone (and unbound), never as complete.
import { afterEach, beforeEach, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { describeWithBinaries } from '../../../test/servers/require-binaries.js';
import { SLAPD_BINARIES, startSlapd, type SlapdServer } from '../../../test/servers/slapd.js';
import type { ConnectorContext, ContainerMapping } from '../framework/contract.js';
import type { LdapConfig } from './manifest.js';
import { readPeopleInThread } from './sync/people.js';
import { readPeople, type WorkerReadOptions } from './sync/worker-read.js';
import { BASE, connectorContext, directoryLdif, slapdConfigInput } from './testing.js';

const site = (ou: string, recursive = false): ContainerMapping => ({
  externalId: `ou=${ou},${BASE}`,
  target: { kind: 'site', customerId: 1, siteId: 1 },
  recursive,
  filter: null,
});
const MAPPINGS = [site('Sales'), site('Engineering', true)];

async function collect(stream: Awaited<ReturnType<typeof readPeople>>) {
  const pages = [];
  for await (const p of stream.pages) pages.push(p);
  return { mode: stream.mode, reason: stream.reason, pages };
}

/** The worker of one read, and the 'page' messages it posted so far. */
function watch(): {
  options: WorkerReadOptions;
  worker: () => Worker;
  posted: () => number;
  exited: Promise<number>;
} {
  let w: Worker | undefined;
  let posted = 0;
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((r) => (resolveExit = r));
  return {
    options: {
      onWorker: (x) => {
        w = x;
        x.on('message', (m: { t: string }) => void (m.t === 'page' && posted++));
        x.once('exit', resolveExit);
      },
    },
    worker: () => w as Worker,
    posted: () => posted,
    exited,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The nice value of each thread of this process (Linux: /proc/self/task/<tid>/stat, field 19). */
function threadNiceValues(): number[] {
  return fs.readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return []; // the thread ended meanwhile
    }
  });
}

describeWithBinaries('LDAP read worker against real slapd', SLAPD_BINARIES, () => {
  let slapd: SlapdServer;
  let ctx: ConnectorContext<LdapConfig>;
  beforeEach(async () => {
    slapd = await startSlapd({ sizeLimit: 3, logLevel: 'stats', ldif: directoryLdif(40) });
    // Page size 5: 40+ people make many pages; onboarding and matchExisting fill every wire column.
    ctx = connectorContext(
      slapdConfigInput(slapd, {
        extra: {
          matchExisting: { field: 'email', attribute: 'mail' },
          onboarding: { summary: 'New starter {name} in {ou}', details: 'Domain {domain}', teamId: 2 },
        },
      }),
      MAPPINGS,
    );
  });
  afterEach(async () => {
    await slapd.stop();
  });

  it('yields exactly what the in-thread read yields (full, then incremental), page by page', async () => {
    const here = await collect(await readPeopleInThread(ctx, 'users', undefined));
    let workers = 0;
    const there = await collect(await readPeople(ctx, 'users', undefined, { onWorker: () => workers++ }));
    expect(workers).toBe(1); // a first read is a full read: in a worker
    expect(here.pages.length).toBeGreaterThan(5);
    expect(here.pages.flatMap((p) => p.records).some((r) => r.onboardingTicket && r.match)).toBe(true);
    // Cursors carry the time of the read (when it ended, and the clock expiries were judged by): compare them
    // apart, records and removals exactly (key order too).
    const strip = (r: typeof here) => ({
      ...r,
      pages: r.pages.map((p) => ({
        ...p,
        cursor: {
          ...p.cursor,
          lastFullAt: undefined,
          domains: Object.fromEntries(
            Object.entries(p.cursor.domains).map(([id, d]) => [id, { ...d, expiryCheckedAt: undefined }]),
          ),
        },
      })),
    });
    expect(JSON.stringify(strip(there))).toBe(JSON.stringify(strip(here)));
    const cursor = there.pages.at(-1)?.cursor;
    expect(cursor?.inProgress).toBe(false);

    const incHere = await collect(await readPeopleInThread(ctx, 'users', cursor));
    const incThere = await collect(await readPeople(ctx, 'users', cursor, { thread: 'worker' }));
    expect(incThere.mode).toBe('incremental');
    expect(JSON.stringify(strip(incThere))).toBe(JSON.stringify(strip(incHere)));

    // By default a read the cursor allows to be change-only runs on this thread: no worker to start.
    const byDefault = await collect(await readPeople(ctx, 'users', cursor, { onWorker: () => workers++ }));
    expect(workers).toBe(1);
    expect(JSON.stringify(strip(byDefault))).toBe(JSON.stringify(strip(incHere)));
  });

  it("a read guessed change-only that turns out full (a mapped group's members changed) moves to the worker", async () => {
    const group = `cn=Staff,${BASE}`;
    await slapd.add(
      `dn: ${group}\nobjectClass: groupOfNames\ncn: Staff\nmember: uid=frank,ou=Unmapped,${BASE}\n`,
    );
    const agents: ContainerMapping = {
      externalId: group,
      target: { kind: 'agent', roleId: null, teamId: null },
      recursive: false,
      filter: null,
    };
    const withGroup = { ...ctx, mappings: [...MAPPINGS, agents] };
    const first = await collect(await readPeople(withGroup, 'agents', undefined));
    const cursor = first.pages.at(-1)?.cursor;
    expect(cursor?.groups).toBeDefined();
    // Erin joins: the group changes, no person does. Only connecting can tell.
    await slapd.modify(
      `dn: ${group}\nchangetype: modify\nadd: member\nmember: uid=erin,ou=IT Staff,${BASE}\n`,
    );
    let workers = 0;
    const read = await collect(await readPeople(withGroup, 'agents', cursor, { onWorker: () => workers++ }));
    expect(read.mode).toBe('full');
    expect(read.reason).toBe(`the members of group ${group.toLowerCase()} changed since the last read`);
    expect(workers).toBe(1);
    expect(read.pages.flatMap((p) => p.records.map((r) => r.fields.login)).sort()).toEqual(['erin', 'frank']);
    // The in-thread read it replaced unbound: every bind slapd saw was followed by an unbind.
    await sleep(200);
    const log = await slapd.readLog();
    expect((log.match(/ UNBIND$/gm) ?? []).length).toBe((log.match(/ BIND dn=.* method=/g) ?? []).length);
  });

  it('failures arrive as the same AppErrors as in-thread: wrong password, missing base DN, truncated read', async () => {
    const cases: [string, ConnectorContext<LdapConfig>][] = [
      [
        'wrong password',
        connectorContext(slapdConfigInput(slapd, { domain: { bindPassword: 'wrong-password' } }), MAPPINGS),
      ],
      [
        'missing base DN',
        connectorContext(slapdConfigInput(slapd, { domain: { baseDns: [`ou=Nope,${BASE}`] } }), MAPPINGS),
      ],
      // The schema refuses an empty password; the bind refuses it too, should one get through.
      [
        'empty password',
        { ...ctx, config: { ...ctx.config, domains: [{ ...ctx.config.domains[0]!, bindPassword: '  ' }] } },
      ],
    ];
    for (const [label, c] of cases) {
      const here = await readPeopleInThread(c, 'users', undefined).then(collect, (e: unknown) => e);
      const there = await readPeople(c, 'users', undefined).then(collect, (e: unknown) => e);
      expect(here, label).toBeInstanceOf(Error);
      const pick = (e: unknown) => {
        const { code, kind, status, message, details } = e as Record<string, unknown>;
        return { name: (e as Error).constructor.name, code, kind, status, message, details };
      };
      expect(pick(there), label).toEqual(pick(here));
    }
    expect(
      (await readPeople(cases[0]![1], 'users', undefined).catch((e: unknown) => e)) as object,
    ).toMatchObject({
      kind: 'auth',
    });

    // A size limit that cuts the paged read: the error comes from the page stream, after the pages before it.
    const capped = await startSlapd({ sizeLimit: 12, pagedResults: 'capped', ldif: directoryLdif(40) });
    try {
      const c = connectorContext(slapdConfigInput(capped), MAPPINGS);
      const err = await readPeople(c, 'users', undefined)
        .then(collect)
        .catch((e: unknown) => e);
      const ref = await readPeopleInThread(c, 'users', undefined)
        .then(collect)
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'LDAP_INCOMPLETE_READ', kind: 'config' });
      expect(err).toMatchObject({ code: (ref as { code: string }).code, message: (ref as Error).message });
    } finally {
      await capped.stop();
    }
  });

  it('a consumer that stops early stops the worker: it unbinds and exits', async () => {
    const w = watch();
    const stream = await readPeople(ctx, 'users', undefined, w.options);
    for await (const page of stream.pages) {
      expect(page.records.length).toBeGreaterThan(0);
      break; // return() on the stream
    }
    expect(await w.exited).toBe(0); // it ended itself (unbound), not terminated
    // slapd writes its log line a moment after the operation: wait for it.
    await expect.poll(() => slapd.readLog(), { timeout: 5000 }).toMatch(/UNBIND/);
  });

  it('the reader yields to the writer: its own thread runs below normal priority, the main thread keeps its own', async () => {
    const mainNice = os.getPriority(0);
    const readerNice = Math.max(mainNice, os.constants.priority.PRIORITY_BELOW_NORMAL);
    const w = watch();
    const stream = await readPeople(ctx, 'users', undefined, w.options);
    const pages = stream.pages[Symbol.asyncIterator]();
    expect((await pages.next()).done).toBe(false); // the worker is reading
    expect(threadNiceValues()).toContain(readerNice);
    expect(os.getPriority(0)).toBe(mainNice);
    await pages.return?.();
    expect(await w.exited).toBe(0);
    if (readerNice !== mainNice) expect(threadNiceValues()).not.toContain(readerNice);
  });

  it('a stream never iterated still stops the worker on return()', async () => {
    const w = watch();
    const stream = await readPeople(ctx, 'users', undefined, w.options);
    await stream.pages[Symbol.asyncIterator]().return?.();
    expect(await w.exited).toBe(0);
  });

  it('a worker that dies mid-read fails the read (never a complete read)', async () => {
    const w = watch();
    const stream = await readPeople(ctx, 'users', undefined, w.options);
    const it = stream.pages[Symbol.asyncIterator]();
    expect((await it.next()).done).toBe(false);
    await w.worker().terminate();
    let err: unknown;
    try {
      for (;;) if ((await it.next()).done) break; // the pages posted before it died, then the failure
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'LDAP_READ_WORKER_EXIT', kind: 'internal' });
  });

  it('an aborted run fails the read at once with RUN_ABORTED and the worker exits', async () => {
    const abort = new AbortController();
    const w = watch();
    const stream = await readPeople({ ...ctx, signal: abort.signal }, 'users', undefined, w.options);
    const it = stream.pages[Symbol.asyncIterator]();
    await it.next();
    abort.abort();
    await expect(it.next()).rejects.toMatchObject({ code: 'RUN_ABORTED', kind: 'transient' });
    await w.exited;
  });

  it('backpressure: the worker posts at most its window of pages ahead of a slow consumer', async () => {
    const w = watch();
    const stream = await readPeople(ctx, 'users', undefined, { ...w.options, window: 2 });
    let consumed = 0;
    let maxAhead = 0;
    for await (const _ of stream.pages) {
      consumed++;
      await sleep(40); // slow writer: the worker has all the time it wants to run ahead
      maxAhead = Math.max(maxAhead, w.posted() - consumed);
    }
    expect(consumed).toBeGreaterThan(6);
    expect(w.posted()).toBe(consumed);
    // It did run ahead (the window is used), and never further than the window.
    expect(maxAhead).toBe(2);
  });
});
