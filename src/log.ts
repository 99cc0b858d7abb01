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

export function createLogger(level: LoggerOptions['level'] = 'info', destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = { level, redact: { paths: redactPaths(), censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
