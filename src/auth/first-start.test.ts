// `tributary serve` on an empty database: the generated admin password goes to stdout once, never to the log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, expect, it, vi } from 'vitest';
import { startServer } from '../server.js';
import { createLogger } from '../log.js';

afterEach(() => {
  vi.restoreAllMocks();
});

it('prints the one-time admin password on stdout, not in the JSON log, and only on the first start', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-first-'));
  const logLines: string[] = [];
  const logger = createLogger(
    'trace',
    new Writable({
      write(chunk: Buffer, _e, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  );
  const printed: string[] = [];
  const realWrite = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    printed.push(String(chunk));
    return (realWrite as (c: string | Uint8Array, ...r: unknown[]) => boolean)('', ...rest);
  }) as typeof process.stdout.write);
  const overrides = {
    dataDir,
    port: 0,
    embeddedIntegrator: false,
    databaseUrl: undefined,
    adminPassword: undefined,
  };
  try {
    const server = await startServer({ overrides, logger });
    const notice = printed.join('');
    const password = /password: (\S+)/.exec(notice)?.[1];
    expect(password, notice).toBeDefined();
    expect(logLines.join('')).not.toContain(password);
    const res = await server.app.inject({
      method: 'POST',
      url: '/admin/api/session',
      payload: { login: 'admin', password },
    });
    expect(res.statusCode).toBe(200);
    await server.close();

    printed.length = 0;
    const again = await startServer({ overrides, logger });
    expect(printed.join('')).not.toContain('password:');
    await again.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
