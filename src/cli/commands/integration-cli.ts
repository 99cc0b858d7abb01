// Shared by the integration CLI commands: the use-case context with the cipher, number arguments, JSON
// config from a file or stdin ("-").
import fs from 'node:fs';
import type { Ctx } from '../../core/context.js';
import { invalidInput } from '../../core/errors.js';
import type { IntegrationCtx } from '../../integrations/framework/context.js';
import type { Services } from '../../services.js';
import { withCliContext } from '../cli-context.js';

export function withIntegrationCtx<T>(
  fn: (ctx: IntegrationCtx, services: Services) => Promise<T>,
): Promise<T> {
  return withCliContext((ctx: Ctx, services) => fn({ ...ctx, cipher: services.cipher }, services));
}

export function idArg(value: string, name = 'id'): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw invalidInput(`${name} must be a positive integer`, [
      { field: name, message: 'must be a positive integer' },
    ]);
  return n;
}

/** Reads a JSON object from a file, or from stdin when the path is "-". */
export async function readJsonArg(pathOrDash: string, flag: string): Promise<Record<string, unknown>> {
  let text: string;
  if (pathOrDash === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      text = fs.readFileSync(pathOrDash, 'utf8');
    } catch {
      throw invalidInput(`${flag}: cannot read ${pathOrDash}`, [
        { field: flag, message: 'file not readable' },
      ]);
    }
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* reported below */
  }
  throw invalidInput(`${flag}: expected a JSON object`, [{ field: flag, message: 'is not a JSON object' }]);
}

export const csv = (v: string | undefined): string[] | undefined =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
