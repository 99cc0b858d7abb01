// Structured logging with secrets redacted by key, wherever they appear in a logged object.
import { pino, type Logger, type LoggerOptions } from 'pino';

/** Keys whose values never reach a log line. Connector secrets are also masked by value (see kit/redact.ts). */
export const REDACTED_KEYS = [
  'password',
  'client_secret',
  'clientSecret',
  'secret',
  'access_token',
  'accessToken',
  'refresh_token',
  'token',
  'authorization',
  'cookie',
  'masterKey',
  'bindPassword',
];

export function redactPaths(): string[] {
  const paths: string[] = [];
  for (const k of REDACTED_KEYS) paths.push(k, `*.${k}`, `*.*.${k}`, `req.headers.${k}`);
  return paths;
}

const SECRET_QUERY_PARAM = /secret|token|password|passwd|api[-_]?key|^key$|^code$|assertion/i;

/** Masks the values of secret-looking query parameters: clients do put secrets in URLs (we refuse them, after logging). */
export function maskUrl(url: string | undefined): string | undefined {
  const q = url?.indexOf('?') ?? -1;
  if (url === undefined || q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let masked = false;
  for (const key of new Set(params.keys())) {
    if (SECRET_QUERY_PARAM.test(key)) {
      params.set(key, '[redacted]');
      masked = true;
    }
  }
  return masked ? `${url.slice(0, q + 1)}${params.toString()}` : url;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's request serializer (same fields), with the URL's secrets masked. Fastify adopts a logger's own `req` serializer. */
function serializeRequest(req: LoggedRequest) {
  return {
    method: req.method,
    url: maskUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

export function createLogger(
  level: LoggerOptions['level'] = 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options: LoggerOptions = {
    level,
    redact: { paths: redactPaths(), censor: '[redacted]' },
    serializers: { req: serializeRequest },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
