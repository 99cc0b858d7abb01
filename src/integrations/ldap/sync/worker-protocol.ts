// The messages between the LDAP read worker (read-worker.ts) and the main thread (worker-read.ts), and how an
// error crosses: structured clone keeps only an Error's name, message and stack, so an AppError travels as its
// fields and is rebuilt on the main side with the same code, kind, status and details the in-thread read threw.
import { AppError, toAppError, type ErrorKind, type FieldIssue } from '../../../core/errors.js';
import type { ContainerMapping, EntityName } from '../../framework/contract.js';
import type { LdapCursor } from '../incremental/cursor.js';
import type { LdapConfig } from '../manifest.js';
import type { PersonKind } from '../mappers.js';
import type { WirePage } from './wire.js';

/** What the worker is started with (workerData). */
export interface ReadWorkerData {
  config: LdapConfig;
  instanceId: number;
  mappings: readonly ContainerMapping[];
  secretValues: readonly string[];
  kind: PersonKind;
  cursor: LdapCursor | undefined;
  /** The main logger's level: the worker does not post what would be dropped. */
  logLevel: string;
  /** Pages the worker may post before the main thread has taken one (the read-ahead window). */
  window: number;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface WireError {
  app: boolean;
  name: string;
  message: string;
  stack: string | undefined;
  code: string | undefined;
  kind: ErrorKind | undefined;
  status: number | undefined;
  details: FieldIssue[] | undefined;
  retryAfterSeconds: number | undefined;
  cause: { name: string; message: string; code: string | undefined } | undefined;
}

export type FromWorker =
  | { t: 'start'; mode: 'full' | 'incremental'; reason: string }
  | { t: 'page'; page: WirePage; removed?: string[]; cursor: LdapCursor; total?: number }
  | { t: 'progress'; entity: EntityName; done: number; total: number | undefined }
  | { t: 'log'; level: LogLevel; args: unknown[] }
  | { t: 'done' }
  | { t: 'error'; error: WireError };

/** credit: the main thread took a page (the worker may post one more); stop: end the read and unbind. */
export type ToWorker = { t: 'credit' } | { t: 'stop' };

const codeOf = (e: unknown): string | undefined => {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : typeof c === 'number' ? String(c) : undefined;
};

export function errorToWire(e: unknown): WireError {
  const err = e instanceof Error ? e : new Error(String(e));
  const cause = err.cause;
  return {
    app: err instanceof AppError,
    name: err.name,
    message: err.message,
    stack: err.stack,
    code: codeOf(err),
    kind: err instanceof AppError ? err.kind : undefined,
    status: err instanceof AppError ? err.status : undefined,
    details: err instanceof AppError ? err.details : undefined,
    retryAfterSeconds: err instanceof AppError ? err.retryAfterSeconds : undefined,
    cause:
      cause === undefined
        ? undefined
        : cause instanceof Error
          ? { name: cause.name, message: cause.message, code: codeOf(cause) }
          : { name: 'Error', message: String(cause), code: undefined },
  };
}

/** The AppError the in-thread read would have thrown; anything else as INTERNAL with the original as cause. */
export function errorFromWire(w: WireError): AppError {
  let cause: Error | undefined;
  if (w.cause) {
    cause = Object.assign(new Error(w.cause.message), w.cause.code ? { code: w.cause.code } : {});
    cause.name = w.cause.name;
  }
  if (w.app && w.code && w.kind) {
    const e = new AppError(w.code, w.kind, w.message, {
      ...(w.status !== undefined ? { status: w.status } : {}),
      ...(w.details ? { details: w.details } : {}),
      ...(w.retryAfterSeconds !== undefined ? { retryAfterSeconds: w.retryAfterSeconds } : {}),
      ...(cause ? { cause } : {}),
    });
    if (w.stack) e.stack = w.stack;
    return e;
  }
  const original = Object.assign(
    new Error(w.message, cause ? { cause } : undefined),
    w.code ? { code: w.code } : {},
  );
  original.name = w.name;
  if (w.stack) original.stack = w.stack;
  return toAppError(original);
}
