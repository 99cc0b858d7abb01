// POST bodies: Halo clients send a JSON array of records (a single object is accepted too). Every element
// is validated before anything is written, and problems are reported as "[i].field" the way ASP.NET
// model-state keys look, which n8n and PowerShell clients already parse.
import type { FastifyRouteSchemaDef, FastifyValidationResult } from 'fastify/types/schema.js';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { invalidInput, type FieldIssue } from '../../core/errors.js';

/** Largest number of records in one POST; bigger batches are a 400 (the body limit also applies). */
export const MAX_BATCH = 1000;

export interface ParsedBatch<E> {
  elements: E[];
  /** True when the client sent one object, or an array of one: the reply is then one object. */
  single: boolean;
}

function pathOf(index: number, path: readonly PropertyKey[]): string {
  let out = `[${index}]`;
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : `.${String(seg)}`;
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a POST body against the element schema, reporting every problem of every element at once. */
export function parseBatch<S extends z.ZodType>(body: unknown, element: S): ParsedBatch<z.output<S>> {
  let raw: unknown[];
  if (Array.isArray(body)) raw = body;
  else if (isPlainObject(body)) raw = [body];
  else
    throw invalidInput('The body must be a JSON array of objects', [
      { field: 'body', message: 'must be a JSON array of objects' },
    ]);
  if (raw.length === 0)
    throw invalidInput('The body is an empty array', [
      { field: 'body', message: 'must contain at least one object' },
    ]);
  if (raw.length > MAX_BATCH) {
    throw invalidInput(`At most ${MAX_BATCH} records per request`, [
      { field: 'body', message: `has ${raw.length} elements; the maximum is ${MAX_BATCH}` },
    ]);
  }
  const issues: FieldIssue[] = [];
  const elements: z.output<S>[] = [];
  raw.forEach((item, i) => {
    if (!isPlainObject(item)) {
      issues.push({ field: `[${i}]`, message: 'must be an object' });
      return;
    }
    const r = element.safeParse(item);
    if (r.success) elements.push(r.data);
    else
      for (const issue of r.error.issues)
        issues.push({ field: pathOf(i, issue.path), message: issue.message });
  });
  if (issues.length > 0) {
    throw invalidInput(`Invalid body: ${issues.map((d) => `${d.field} ${d.message}`).join('; ')}`, issues);
  }
  return { elements, single: raw.length === 1 };
}

/**
 * Route-level validator: zod for params and query, but the body passes through untouched so that
 * parseBatch can accept a single object and name fields "[i].x". The body schema still documents the
 * array shape in OpenAPI.
 */
export function bodyInHandler<T>(route: FastifyRouteSchemaDef<T>): FastifyValidationResult {
  if (route.httpPart === 'body') return (data: unknown) => ({ value: data });
  // The route's other parts are zod schemas; the route option is typed by the whole schema object.
  return validatorCompiler(route as unknown as FastifyRouteSchemaDef<z.ZodType>);
}
