// Maps HTTP outcomes onto AppError kinds by status code only (never by a vendor's message text):
// 401 → auth, 403 → auth (permission), 429 → rate_limited, 5xx/timeouts/network → transient, other 4xx → vendor.
import { AppError, type ErrorKind } from '../../core/errors.js';

export function errorForStatus(status: number, what: string, retryAfterMs?: number): AppError {
  const retry = retryAfterMs === undefined ? {} : { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
  if (status === 401)
    return new AppError(
      'VENDOR_UNAUTHORIZED',
      'auth',
      `${what} was refused: the credentials are not valid (401)`,
    );
  if (status === 403)
    return new AppError(
      'VENDOR_FORBIDDEN',
      'auth',
      `${what} was refused: the credentials lack permission (403)`,
    );
  if (status === 429)
    return new AppError('VENDOR_RATE_LIMITED', 'rate_limited', `${what} was rate limited (429)`, retry);
  if (status >= 500)
    return new AppError('VENDOR_UNAVAILABLE', 'transient', `${what} failed with ${status}`, retry);
  return new AppError('VENDOR_ERROR', 'vendor', `${what} failed with ${status}`);
}

export function networkError(what: string, cause: unknown, timedOut: boolean): AppError {
  const kind: ErrorKind = 'transient';
  if (timedOut) return new AppError('VENDOR_TIMEOUT', kind, `${what} timed out`, { cause });
  const code = (cause as { cause?: { code?: string } })?.cause?.code;
  return new AppError('VENDOR_UNREACHABLE', kind, `${what} could not connect${code ? ` (${code})` : ''}`, {
    cause,
  });
}

export const abortedError = (what: string, cause: unknown) =>
  new AppError('RUN_ABORTED', 'transient', `${what} was cancelled`, { cause });

export const retryable = (status: number) =>
  status === 429 || status === 502 || status === 503 || status === 504;
