// The LDAP read worker: runs the whole directory read (sessions, prepare, plan, full or incremental pages) off
// the main thread, which then only receives finished pages while it writes the database. It imports only the
// LDAP read modules (never the app): keep it that way, every import here is memory in every sync.
//
// Flow control: the worker posts a page only while it holds a credit; it starts with `window` credits and gets
// one back each time the main thread takes a page, so it never runs more than `window` pages ahead (the
// directory is never read into memory). 'stop' ends the read early: the page stream is closed, which unbinds.
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import type { ConnectorContext } from '../../framework/contract.js';
import type { LdapConfig } from '../manifest.js';
import { readPeopleInThread } from './people.js';
import { encodePage } from './wire.js';
import {
  errorToWire,
  type FromWorker,
  type LogLevel,
  type ReadWorkerData,
  type ToWorker,
} from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('read-worker.ts runs as a worker thread (see worker-read.ts)');
const data = workerData as ReadWorkerData;

// The main thread writes the database and is what an import waits on; this reader runs pages ahead of it (the
// window above). Where busy threads outnumber free cores (slapd, the reader and the writer on 2 vCPUs in
// bench/ldap), the reader should be the one to wait: (a) took 5.10 s on average instead of 5.73 s in 7
// interleaved pairs. On Linux a thread's nice value is its own, and setpriority(0) reads and sets only the
// calling thread's; elsewhere it would be the whole process's, so it is left alone there. Never raised.
if (process.platform === 'linux') {
  try {
    const below = os.constants.priority.PRIORITY_BELOW_NORMAL;
    if (os.getPriority(0) < below) os.setPriority(0, below);
  } catch {
    // Not permitted (a sandbox): the reader keeps the process's priority.
  }
}

const post = (m: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);

const LEVEL_VALUE: Record<string, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
};

/** Log arguments that structured clone refuses (functions, class instances with handles) as plain data. */
function cloneable(a: unknown): unknown {
  if (a === null || typeof a !== 'object' || a instanceof Error) return a;
  try {
    return JSON.parse(JSON.stringify(a)) as unknown;
  } catch {
    return String(a);
  }
}

/**
 * A logger that posts each line to the main thread, which logs it through the run's (secret-masking) logger.
 * What the connector logs is already redacted where it quotes server messages (client.ts / errors.ts).
 */
function forwardingLogger(bindings: Record<string, unknown> = {}): FastifyBaseLogger {
  const threshold = LEVEL_VALUE[data.logLevel] ?? 0;
  const at =
    (level: LogLevel) =>
    (...args: unknown[]): void => {
      if ((LEVEL_VALUE[level] as number) < threshold) return;
      const [head, ...rest] = args;
      const merged =
        Object.keys(bindings).length === 0
          ? args
          : head !== null && typeof head === 'object' && !(head instanceof Error)
            ? [{ ...bindings, ...head }, ...rest]
            : [bindings, ...args];
      try {
        post({ t: 'log', level, args: merged });
      } catch {
        post({ t: 'log', level, args: merged.map(cloneable) });
      }
    };
  return {
    level: data.logLevel,
    fatal: at('fatal'),
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
    silent: () => undefined,
    child: (b: Record<string, unknown>) => forwardingLogger({ ...bindings, ...b }),
  } as FastifyBaseLogger;
}

const abort = new AbortController();
let credits = data.window;
let stopped = false;
let wake: (() => void) | undefined;
port.on('message', (m: ToWorker) => {
  if (m.t === 'credit') credits++;
  else if (m.t === 'stop') {
    stopped = true;
    abort.abort();
  }
  wake?.();
  wake = undefined;
});

const ctx: ConnectorContext<LdapConfig> = {
  config: data.config,
  instanceId: data.instanceId,
  log: forwardingLogger(),
  signal: abort.signal,
  mappings: data.mappings,
  progress: (entity, done, total) => post({ t: 'progress', entity, done, total }),
  secretValues: data.secretValues,
};

try {
  const stream = await readPeopleInThread(ctx, data.kind, data.cursor, { wire: true });
  post({ t: 'start', mode: stream.mode, reason: stream.reason });
  // Leaving this loop early (stop) closes the stream, whose finally unbinds every session.
  for await (const page of stream.pages) {
    while (credits === 0 && !stopped) await new Promise<void>((resolve) => (wake = resolve));
    if (stopped) break;
    credits--;
    const wire = page.wire ?? encodePage(page.records);
    post(
      {
        t: 'page',
        page: wire,
        cursor: page.cursor,
        ...(page.removed ? { removed: page.removed } : {}),
        ...(page.total !== undefined ? { total: page.total } : {}),
      },
      // A fast-path page's bytes are its own ArrayBuffer (wire-writer.ts): moved, not copied.
      typeof wire.s === 'string' ? undefined : [wire.s.buffer as ArrayBuffer],
    );
  }
  if (!stopped) post({ t: 'done' });
} catch (e) {
  if (!stopped) post({ t: 'error', error: errorToWire(e) });
} finally {
  // Nothing else keeps the thread alive once the sessions are closed: the worker exits on its own.
  port.close();
}
