// A logger for connectors that masks the instance's secret VALUES wherever they appear: in messages, in
// logged objects (nested strings) and in errors. Key-based redaction (src/log.ts) cannot see a client
// secret echoed inside a vendor's error message; this can.
import type { FastifyBaseLogger } from 'fastify';
import type { Redactor } from '../kit/redact.js';

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);

function scrub(v: unknown, redact: Redactor, depth: number): unknown {
  if (typeof v === 'string') return redact(v);
  if (depth > 4 || v === null || typeof v !== 'object') return v;
  if (v instanceof Error) {
    const e = new Error(redact(v.message));
    e.name = v.name;
    if (v.stack !== undefined) e.stack = redact(v.stack);
    return e;
  }
  if (Array.isArray(v)) return v.map((x) => scrub(x, redact, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x, redact, depth + 1)]));
}

export function maskingLogger(log: FastifyBaseLogger, redact: Redactor): FastifyBaseLogger {
  return new Proxy(log, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop === 'child' && typeof value === 'function') {
        return (...args: unknown[]) =>
          maskingLogger(
            (value as (...a: unknown[]) => FastifyBaseLogger).apply(
              target,
              args.map((a) => scrub(a, redact, 0)),
            ),
            redact,
          );
      }
      if (typeof prop === 'string' && LEVELS.has(prop) && typeof value === 'function') {
        return (...args: unknown[]) =>
          (value as (...a: unknown[]) => void).apply(
            target,
            args.map((a) => scrub(a, redact, 0)),
          );
      }
      return value;
    },
  });
}
