// The one error model. Every layer throws AppError (or lets the API layer wrap unknown errors as INTERNAL);
// the HTTP layer turns it into a status and a body, the CLI into a message and an exit code.

/** Why something failed, which decides whether a retry can help. Only transient and rate_limited are retried. */
export type ErrorKind =
  | 'input'
  | 'auth'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'config'
  | 'transient'
  | 'rate_limited'
  | 'vendor'
  | 'internal';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. "[0].client_id" or "query.page_size". */
  field: string;
  message: string;
}

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  input: 400,
  auth: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  config: 400,
  transient: 503,
  rate_limited: 429,
  vendor: 502,
  internal: 500,
};

export interface AppErrorOptions {
  status?: number;
  details?: FieldIssue[];
  cause?: unknown;
  /** Seconds a client should wait, for rate_limited errors. */
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  override name = 'AppError';
  readonly code: string;
  readonly kind: ErrorKind;
  readonly status: number;
  readonly details: FieldIssue[];
  readonly retryAfterSeconds: number | undefined;

  /** `message` is shown to users: keep secrets and internals out of it; put them in `cause`. */
  constructor(code: string, kind: ErrorKind, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.kind = kind;
    this.status = options.status ?? STATUS_BY_KIND[kind];
    this.details = options.details ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get retryable(): boolean {
    return this.kind === 'transient' || this.kind === 'rate_limited';
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

// Constructors for the common cases, so call sites read as sentences.
export const invalidInput = (message: string, details: FieldIssue[] = []) =>
  new AppError('INVALID_INPUT', 'input', message, { details });
export const notFound = (what: string, id: number | string) =>
  new AppError('NOT_FOUND', 'not_found', `${what} ${id} was not found`, {
    details: [{ field: 'id', message: `no ${what} with id ${id}` }],
  });
export const forbidden = (message: string) => new AppError('FORBIDDEN', 'forbidden', message);
export const unauthenticated = (message = 'Authentication required') =>
  new AppError('UNAUTHENTICATED', 'auth', message);
export const conflict = (message: string, details: FieldIssue[] = []) =>
  new AppError('CONFLICT', 'conflict', message, { details });

/** Wraps anything thrown into an AppError, keeping the original as the cause. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  return new AppError('INTERNAL', 'internal', 'An internal error occurred', { cause: e });
}
