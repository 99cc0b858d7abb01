// Turns every error into a status and a JSON body that names the problem (and the field, when there is one).
// /api (Halo-compatible) bodies carry Halo's {ClassName, Message} keys that existing clients read.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, toAppError, type FieldIssue } from '../../core/errors.js';

export function errorBody(request: FastifyRequest, e: AppError) {
  const body = { code: e.code, message: e.message, errors: e.details };
  if (request.url.toLowerCase().startsWith('/api/')) {
    return { ...modelStateKeys(e.details), ClassName: classNameFor(e), Message: e.message, ...body };
  }
  return body;
}

// n8n reads a 400 body the ASP.NET model-state way: a key per body path (`id`, `"[0].id"`) holding the message
// (halo-api.md §2.5). Only fields that look like a path into the JSON body qualify (not `body` itself, nor the
// framework's `querystring.`/`params.`/`headers.` ones; its `body.`/`body[` prefix is dropped). The standard keys
// are spread after these and are never taken as a path, so a detail can never replace them.
const BODY_PATH = /^(?:\[\d+\]|[A-Za-z_][A-Za-z0-9_]*)(?:\[\d+\]|\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const NOT_BODY = /^(?:body|(?:querystring|params|headers)(?:[.[].*)?)$/;
const STANDARD_KEYS = new Set(['ClassName', 'Message', 'code', 'message', 'errors']);

export function modelStateKeys(details: readonly FieldIssue[]): Record<string, string> {
  // A Map, then fromEntries: own keys only, so a field such as `__proto__` stays an ordinary key.
  const keys = new Map<string, string>();
  for (const { field, message } of details) {
    if (!BODY_PATH.test(field) || NOT_BODY.test(field)) continue;
    const path = field.replace(/^body(?:\.(?=[A-Za-z_])|(?=\[))/, '');
    if (STANDARD_KEYS.has(path) || keys.has(path)) continue;
    keys.set(path, message);
  }
  return Object.fromEntries(keys);
}

function classNameFor(e: AppError): string {
  return `${e.code
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')}Exception`;
}

/** Maps framework errors (validation, body too large, bad JSON) onto AppError. */
export function fromFastifyError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError).validationContext ?? 'body';
    const details: FieldIssue[] = error.validation.map((v) => ({
      field: [context, ...formatPath(v.instancePath)].filter(Boolean).join('.').replace(/\.\[/g, '['),
      message: v.message ?? 'is invalid',
    }));
    return new AppError(
      'INVALID_INPUT',
      'input',
      `Invalid ${context}: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`,
      { details },
    );
  }
  const fe = error as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('BODY_TOO_LARGE', 'input', 'The request body is too large', {
        status: 413,
        details: [{ field: 'body', message: 'exceeds the size limit' }],
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'input', 'Unsupported content type', {
        status: 415,
        details: [{ field: 'content-type', message: 'is not supported' }],
      });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('INVALID_JSON', 'input', `Malformed JSON: ${fe.message}`, {
        details: [{ field: 'body', message: 'is not valid JSON' }],
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('INVALID_JSON', 'input', 'The body is empty but JSON was declared', {
        details: [{ field: 'body', message: 'is empty' }],
      });
    default:
      break;
  }
  if (fe.statusCode === 400 && error instanceof SyntaxError) {
    return new AppError('INVALID_JSON', 'input', `Malformed JSON: ${error.message}`, {
      details: [{ field: 'body', message: 'is not valid JSON' }],
    });
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('BAD_REQUEST', 'input', fe.message, { status: fe.statusCode });
  }
  return toAppError(error);
}

function formatPath(instancePath: string): string[] {
  return instancePath
    .split('/')
    .filter(Boolean)
    .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : seg));
}

export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const e = fromFastifyError(error);
    if (e.status >= 500) request.log.error({ err: e.cause ?? e }, e.message);
    if (e.retryAfterSeconds !== undefined) void reply.header('retry-after', String(e.retryAfterSeconds));
    return reply.status(e.status).send(errorBody(request, e));
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const e = new AppError(
      'ROUTE_NOT_FOUND',
      'not_found',
      `No route for ${request.method} ${request.url.split('?')[0]}`,
    );
    return reply.status(404).send(errorBody(request, e));
  });
});
