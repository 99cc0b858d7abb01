import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { buildProgram } from '../main.js';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function run(args: string[]): Promise<string> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(['node', 'tributary', ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  return out;
}

it(
  'tributary seed --demo prints the counts, then refuses a second run unless --force',
  { timeout: 60_000 },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-seed-'));
    dirs.push(dir);
    vi.stubEnv('TRIBUTARY_DATA_DIR', dir);
    vi.stubEnv('DATABASE_URL', undefined);
    vi.stubEnv('TRIBUTARY_LOG_LEVEL', 'silent');
    const counts = JSON.parse(await run(['seed', '--demo', '--customers', '3', '--json'])) as Record<
      string,
      number
    >;
    expect(counts).toMatchObject({ customers: 3, teams: 4, agents: 8, topLevels: 3 });
    expect(counts.tickets).toBeGreaterThanOrEqual(6);
    await expect(run(['seed', '--demo', '--customers', '3'])).rejects.toMatchObject({
      code: 'DEMO_DATA_EXISTS',
    });
    const text = await run(['seed', '--demo', '--customers', '1', '--force']);
    expect(text).toMatch(/customers\s+1/);
    await expect(run(['seed'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    vi.unstubAllEnvs();
  },
);
