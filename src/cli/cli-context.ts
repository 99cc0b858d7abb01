// Shared by the auth CLI commands: boot with logs on stderr (stdout carries only the command's output, so
// `--json` stays machine-readable), run as the system actor, always close the database.
import { pino } from 'pino';
import { boot } from '../boot.js';
import { systemActor, type Ctx } from '../core/context.js';
import { createLogger } from '../log.js';
import { invalidInput } from '../core/errors.js';
import type { Services } from '../services.js';

export async function withCliContext<T>(fn: (ctx: Ctx, services: Services) => Promise<T>): Promise<T> {
  const level = process.env.TRIBUTARY_LOG_LEVEL === 'silent' ? 'silent' : 'warn';
  const booted = await boot({ logger: createLogger(level, pino.destination(2)) });
  try {
    const ctx: Ctx = {
      db: booted.services.db,
      actor: systemActor(),
      log: booted.services.log,
      now: () => new Date(),
    };
    return await fn(ctx, booted.services);
  } finally {
    await booted.close();
  }
}

/** Reads a secret piped on stdin (e.g. `printf %s "$PW" | tributary agents create … --password-stdin`). */
export async function readStdinSecret(): Promise<string> {
  if (process.stdin.isTTY)
    throw invalidInput('--password-stdin expects the password on standard input (pipe it in)', [
      { field: '--password-stdin', message: 'nothing piped in' },
    ]);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain aligned table for humans. */
export function printTable(
  rows: Array<Record<string, string | number | boolean | null>>,
  columns: readonly string[],
): void {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(columns)}\n`);
  for (const r of rows) process.stdout.write(`${line(columns.map((c) => cell(r[c])))}\n`);
  if (rows.length === 0) process.stdout.write('(none)\n');
}
