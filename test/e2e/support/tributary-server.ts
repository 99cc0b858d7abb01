// Starts `tributary serve` as its own process (through tsx, from the sources) on a loopback port with a fresh
// SQLite data directory, and stops it (process group and directory) even if the test process dies.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitForTcp } from '../../servers/free-port.js';
import { reapOnExit, removeDirOnExit } from '../../servers/reaper.js';
import { REPO_ROOT } from './console-build.js';

export interface TributaryProcess {
  url: string;
  dataDir: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export async function startTributary(options: {
  adminPassword: string;
  env?: Record<string, string>;
}): Promise<TributaryProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-e2e-'));
  const releaseDir = removeDirOnExit(dataDir);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TRIBUTARY_PORT: String(port),
    TRIBUTARY_HOST: '127.0.0.1',
    TRIBUTARY_DATA_DIR: dataDir,
    TRIBUTARY_ADMIN_PASSWORD: options.adminPassword,
    TRIBUTARY_LOG_LEVEL: 'warn',
    ...options.env,
  };
  // The e2e run is about the console on the default embedded SQLite, whatever the caller's shell says.
  delete env.DATABASE_URL;
  delete env.PORT;
  let out = '';
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli/main.ts'), 'serve'],
    {
      cwd: REPO_ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  let exited: string | undefined;
  child.once(
    'exit',
    (code, signal) => (exited = `tributary serve exited early (code ${code}, signal ${signal}):\n${out}`),
  );
  const reaped = reapOnExit(child.pid ?? 0, [dataDir]);
  releaseDir();
  try {
    await waitForTcp('127.0.0.1', port, 60_000, () => exited);
  } catch (e) {
    try {
      process.kill(-(child.pid ?? 0), 'SIGKILL');
    } catch {
      // already gone
    }
    throw e;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    output: () => out,
    stop: async () => {
      if (exited === undefined && child.pid) {
        const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-(child.pid ?? 0), 'SIGKILL');
          } catch {
            // already gone
          }
        }, 5000);
        await done;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
      reaped.release();
    },
  };
}
