// Response writers and error bodies in Sophos's shapes (§1.1 and §1.5).

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SophosErrorBody, SophosOAuthErrorBody, SophosUnauthorizedBody } from './types.js';

/** (inferred) The docs page Sophos error bodies link to; the field exists per §1.5, the value is ours. */
const DOC_URL = 'https://developer.sophos.com/intro';

/** (inferred) `error` / `code` strings per status: §1.5 documents the field set, not these values. */
const ERROR_NAMES: Record<number, string> = {
  400: 'badRequest',
  403: 'forbidden',
  404: 'notFound',
  405: 'methodNotAllowed',
  429: 'tooManyRequests',
  500: 'internalServerError',
  502: 'badGateway',
  503: 'serviceUnavailable',
};

export function errorBody(status: number, message: string, now: number): SophosErrorBody {
  const name = ERROR_NAMES[status] ?? 'error';
  return {
    error: name,
    message,
    correlationId: randomUUID(),
    code: name,
    createdAt: new Date(now).toISOString(),
    requestId: randomUUID(),
    docUrl: DOC_URL,
  };
}

/** §1.1: what an expired or unknown bearer token gets. */
export const unauthorizedBody = (): SophosUnauthorizedBody => ({
  error: 'Unauthorized',
  correlationId: randomUUID(),
  requestId: randomUUID(),
});

/** §1.1: token endpoint failures carry errorCode/message/trackingId. */
export const oauthErrorBody = (errorCode: string, message: string): SophosOAuthErrorBody => ({
  errorCode,
  message,
  trackingId: randomUUID(),
});

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  now: number,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, errorBody(status, message, now), headers);
}

/** Reads the whole request body (token requests are tiny; a cap keeps a broken client from hurting the test). */
export async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A header's single value (Node joins repeated headers for most names; we take it as sent). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
