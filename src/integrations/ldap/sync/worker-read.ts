// The main thread's side of an LDAP people read: the directory read runs in a worker thread (read-worker.ts),
// so the thread that writes the database only receives finished pages (a compact wire shape, wire.ts). A read
// the cursor allows to be change-only is small and runs on this thread instead (see WorkerReadOptions.thread).
// readPeople resolves once the worker has opened the sessions and planned the read (or throws what the read
// threw: the same AppError codes as in-thread), and returns a stream that yields pages as they arrive.
// The worker posts at most `window` pages ahead of the consumer (a credit per page taken). A consumer that
// stops early, an aborted run, or a finished read stops the worker, lets it unbind, and terminates it after a
// grace period. A worker that exits or crashes before saying 'done' fails the read: never a complete read.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, toAppError } from '../../../core/errors.js';
import { heapFlags } from '../../../runtime/heap-flags.js';
import type { ConnectorContext, ExternalPerson, SyncPage, SyncStream } from '../../framework/contract.js';
import type { LdapCursor } from '../incremental/cursor.js';
import type { LdapConfig } from '../manifest.js';
import type { PersonKind } from '../mappers.js';
import { expectIncremental } from './read-scope.js';
import { decodePage } from './wire.js';
import { errorFromWire, type FromWorker, type ReadWorkerData, type ToWorker } from './worker-protocol.js';

type Ctx = ConnectorContext<LdapConfig>;
type Page = SyncPage<ExternalPerson, LdapCursor>;

export interface WorkerReadOptions {
  /** Pages the worker may post ahead of the consumer. */
  window?: number;
  /** How long a stopped worker gets to unbind before it is terminated. */
  graceMs?: number;
  /** Sees the worker as it starts (tests: count posted pages, kill it mid-read). */
  onWorker?: (w: Worker) => void;
  /**
   * Where the read runs. Default: on this thread when the cursor allows a change-only read (it is small, and
   * starting a worker, ~0.2 s, was most of an incremental run with no changes), else in a worker.
   */
  thread?: 'worker' | 'this';
}

const DEFAULT_WINDOW = 8;
const DEFAULT_GRACE_MS = 2000;

/**
 * Starts the worker. Compiled: read-worker.js beside this file. From TypeScript sources (tsx, vitest):
 * read-worker.ts through tsx's scoped tsImport, because on Node 20 tsx registers its hooks on the main thread
 * only (and a worker does not inherit them), so `--import tsx` in the worker's execArgv loads no .ts file.
 */
function startWorker(workerData: ReadWorkerData): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./read-worker.js', import.meta.url), { workerData });
  // The ESM build of tsx's API (its CommonJS build resolves its own files wrongly from a worker).
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = pathToFileURL(path.join(path.dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./read-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(boot, { eval: true, workerData });
}

const aborted = () => new AppError('RUN_ABORTED', 'transient', 'The run was stopped');

export async function readPeople(
  ctx: Ctx,
  kind: PersonKind,
  cursorIn: LdapCursor | undefined,
  options: WorkerReadOptions = {},
): Promise<SyncStream<ExternalPerson, LdapCursor>> {
  if (ctx.signal.aborted) throw aborted();
  const thread =
    options.thread ?? (expectIncremental(ctx.config, ctx.mappings, kind, cursorIn) ? 'this' : 'worker');
  if (thread === 'this') {
    // Loaded only here: a full read's main thread never needs the LDAP client.
    const { readPeopleInThread } = await import('./people.js');
    const stream = await readPeopleInThread(ctx, kind, cursorIn);
    if (stream.mode === 'incremental' || options.thread === 'this') return stream;
    // The guess was wrong, as only connecting can tell: a mapped group's members changed, or another DC
    // answered. A full read is the large kind, so it goes to a worker after all, and this thread only writes.
    await stream.close();
    ctx.log.info({ reason: stream.reason }, 'LDAP read: full after all, moving it to the read worker');
  }
  const window = options.window ?? DEFAULT_WINDOW;
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const data: ReadWorkerData = {
    config: ctx.config,
    instanceId: ctx.instanceId,
    mappings: ctx.mappings,
    secretValues: ctx.secretValues,
    kind,
    cursor: cursorIn,
    logLevel: ctx.log.level,
    window,
  };
  // The worker starts with V8's default flags (Node's code cache for its internals needs them: heap-flags.ts);
  // they are tuned again once it has connected and planned the read, or has failed or exited.
  const retune = heapFlags.untunedWhileStarting();
  let worker: Worker;
  try {
    worker = startWorker(data);
  } catch (e) {
    retune();
    throw e;
  }
  options.onWorker?.(worker);

  const queue: Extract<FromWorker, { t: 'page' }>[] = [];
  /** How the read ended, once known: 'done' or the error that fails it (after the pages read before it). */
  let end: 'done' | AppError | undefined;
  /** The run was aborted: fails the read at once, queued pages or not. */
  let abortedWith: AppError | undefined;
  let started: { mode: 'full' | 'incremental'; reason: string } | undefined;
  let exited = false;
  let waiters: (() => void)[] = [];
  const notify = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const wait = () => new Promise<void>((resolve) => waiters.push(resolve));
  const exit = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      retune();
      resolve();
    }),
  );
  const send = (m: ToWorker) => {
    if (!exited) worker.postMessage(m);
  };
  const fail = (e: AppError) => {
    end ??= e;
    notify();
  };

  worker.on('message', (m: FromWorker) => {
    if (m.t !== 'log') retune();
    switch (m.t) {
      case 'start':
        started = { mode: m.mode, reason: m.reason };
        break;
      case 'page':
        queue.push(m);
        break;
      case 'progress':
        ctx.progress(m.entity, m.done, m.total);
        break;
      case 'log':
        (ctx.log[m.level] as (...a: unknown[]) => void).apply(ctx.log, m.args);
        break;
      case 'done':
        end ??= 'done';
        break;
      case 'error':
        end ??= errorFromWire(m.error);
        break;
    }
    notify();
  });
  worker.on('error', (e) => fail(toAppError(e)));
  worker.on('exit', (code) => {
    exited = true;
    // After 'done' this changes nothing; before it, the read is incomplete whatever the exit code says.
    fail(
      new AppError(
        'LDAP_READ_WORKER_EXIT',
        'internal',
        `The LDAP read worker exited (code ${code}) before the read finished; the read is incomplete`,
      ),
    );
  });
  const onAbort = () => {
    abortedWith = aborted();
    notify();
    send({ t: 'stop' });
  };
  ctx.signal.addEventListener('abort', onAbort, { once: true });

  let closing: Promise<void> | undefined;
  /** Stops the worker (it unbinds), waits for it to exit, and terminates it when it does not in time. */
  const close = () =>
    (closing ??= (async () => {
      ctx.signal.removeEventListener('abort', onAbort);
      queue.length = 0;
      if (end !== 'done') send({ t: 'stop' }); // it unbinds and exits
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(resolve, graceMs, 'timeout')));
      if ((await Promise.race([exit, timeout])) === 'timeout') await worker.terminate();
      clearTimeout(timer);
    })());

  while (!started && end === undefined && !abortedWith) await wait();
  if (!started) {
    await close();
    throw (
      abortedWith ??
      (end instanceof AppError
        ? end
        : new AppError(
            'LDAP_READ_WORKER_EXIT',
            'internal',
            'The LDAP read worker ended without starting the read',
          ))
    );
  }

  const pages: AsyncIterableIterator<Page> = {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      for (;;) {
        if (abortedWith) {
          await close();
          throw abortedWith;
        }
        const m = queue.shift();
        if (m) {
          send({ t: 'credit' });
          return {
            done: false,
            // Keys in the order people.ts creates them.
            value: {
              records: decodePage(m.page),
              ...(m.removed ? { removed: m.removed } : {}),
              cursor: m.cursor,
              ...(m.total !== undefined ? { total: m.total } : {}),
            },
          };
        }
        if (end === 'done') {
          await close();
          return { done: true, value: undefined };
        }
        // As in-thread: the pages read before a failure are yielded, then the failure.
        if (end) {
          await close();
          throw end;
        }
        await wait();
      }
    },
    async return() {
      await close();
      return { done: true, value: undefined };
    },
    async throw(e: unknown) {
      await close();
      throw e;
    },
  };
  return { mode: started.mode, reason: started.reason, pages };
}
