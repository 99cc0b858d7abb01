// LDAP failures as AppErrors, by result code and socket/TLS error code — never by message text.
// Kinds: auth (bad credentials), config (missing base DN, TLS trust, truncated reads the admin must fix),
// forbidden (insufficient access), transient (unreachable, busy, timeouts: retried), vendor (the rest).
import { ResultCodeError } from 'ldapts';
import { AppError, isAppError, type ErrorKind } from '../../core/errors.js';
import type { Redactor } from '../kit/redact.js';

const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_(GET|VERIFY)_|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_CERT|HOSTNAME_MISMATCH)/;
const NETWORK_CODE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
]);

/** LDAP result codes (RFC 4511 §4.1.9) that decide the kind. */
const BY_RESULT: Record<number, { code: string; kind: ErrorKind; hint: string }> = {
  3: {
    code: 'LDAP_INCOMPLETE_READ',
    kind: 'config',
    hint: 'the server time limit cut the search short; the read is incomplete',
  },
  4: {
    code: 'LDAP_INCOMPLETE_READ',
    kind: 'config',
    hint: 'the server size limit cut the search short; the read is incomplete (is paging allowed for this account?)',
  },
  7: { code: 'LDAP_AUTH_METHOD', kind: 'config', hint: 'the server does not accept simple binds' },
  8: {
    code: 'LDAP_TLS_REQUIRED',
    kind: 'config',
    hint: 'the server requires an encrypted connection (use ldaps or starttls)',
  },
  10: {
    code: 'LDAP_REFERRAL',
    kind: 'config',
    hint: 'the server referred the request elsewhere; the read is incomplete',
  },
  11: {
    code: 'LDAP_INCOMPLETE_READ',
    kind: 'config',
    hint: 'an administrative limit (e.g. paging disabled) cut the search short; the read is incomplete',
  },
  13: {
    code: 'LDAP_TLS_REQUIRED',
    kind: 'config',
    hint: 'the server requires confidentiality (use ldaps or starttls)',
  },
  32: { code: 'LDAP_NO_SUCH_OBJECT', kind: 'config', hint: 'the base DN does not exist' },
  34: { code: 'LDAP_INVALID_DN', kind: 'config', hint: 'a DN is malformed' },
  49: { code: 'LDAP_AUTH_FAILED', kind: 'auth', hint: 'the bind DN or password was rejected' },
  50: { code: 'LDAP_FORBIDDEN', kind: 'forbidden', hint: 'the service account may not read this' },
  51: { code: 'LDAP_BUSY', kind: 'transient', hint: 'the server is busy' },
  52: { code: 'LDAP_UNAVAILABLE', kind: 'transient', hint: 'the server is unavailable' },
  53: { code: 'LDAP_UNWILLING', kind: 'config', hint: 'the server is unwilling to perform the request' },
};

function codes(e: unknown): string[] {
  const out: string[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 6 && cur !== null && typeof cur === 'object'; i++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string') out.push(c);
    cur = (cur as { cause?: unknown }).cause;
  }
  return out;
}

export function ldapError(e: unknown, where: string, redact: Redactor = (s) => s): AppError {
  if (isAppError(e)) return e;
  if (e instanceof ResultCodeError) {
    const m = BY_RESULT[e.code];
    const msg = redact(`${where}: ${m?.hint ?? 'the LDAP server returned an error'} (result ${e.code})`);
    return new AppError(m?.code ?? 'LDAP_ERROR', m?.kind ?? 'vendor', msg, { cause: e });
  }
  const cs = codes(e);
  const tlsCode = cs.find((c) => TLS_CODE.test(c));
  if (tlsCode)
    return new AppError(
      'LDAP_TLS',
      'config',
      redact(`${where}: the TLS handshake failed (${tlsCode}); check the CA certificate and the host name`),
      { cause: e },
    );
  const net = cs.find((c) => NETWORK_CODE.has(c));
  const detail = e instanceof Error ? e.message : String(e);
  if (net)
    return new AppError(
      'LDAP_UNREACHABLE',
      'transient',
      redact(`${where}: cannot reach the server (${net})`),
      { cause: e },
    );
  // ldapts' own timeouts and closed sockets carry no code: treat as transient (retried).
  return new AppError('LDAP_CONNECTION', 'transient', redact(`${where}: ${detail}`), { cause: e });
}
