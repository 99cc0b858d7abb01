// Runs `tributary demo` as a user would (a child process), waits for its ready line, uses the printed
// credentials against the Halo API, and stops it with SIGINT: it must exit 0 and remove its data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

/** The demo always uses its own SQLite file; a DATABASE_URL from the environment must not leak in. */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.DATABASE_URL;
  return copy;
}

function startDemo(args: string[]): Promise<{ out: () => string }> {
  const env = withoutDatabaseUrl({ ...process.env, TRIBUTARY_LOG_LEVEL: 'warn' });
  child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'demo', ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo not ready after 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve({ out: () => out });
      }
    };
    child?.stdout?.on('data', onData);
    child?.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child?.once('exit', (code) => reject(new Error(`demo exited early (${code}):\n${out}`)));
  });
}

const field = (text: string, re: RegExp): string => {
  const m = re.exec(text);
  if (!m?.[1]) throw new Error(`${re} not found in:\n${text}`);
  return m[1];
};

describe('tributary demo', () => {
  it('starts a ready-to-sync demo, serves the Halo API with the printed credentials, and cleans up on Ctrl-C', async () => {
    const demo = await startDemo(['--port', '0', '--tenants', '24']);
    const text = demo.out();
    const url = field(text, /Console:\s+(http:\/\/127\.0\.0\.1:\d+)\//);
    const clientId = field(text, /client_id=(\S+)/);
    const clientSecret = field(text, /client_secret=(\S+)/);
    const dataDir = field(text, /Data directory:\s+(\S+)/);
    expect(fs.existsSync(path.join(dataDir, 'tributary.db'))).toBe(true);
    expect(text).toMatch(
      /Sophos instance:\s+#1 .*: 8 tenants mapped by exact name, 1 on the review list, 15 unmapped/,
    );
    expect(text).toMatch(/sync 1 --entities customers,licences/);
    expect(text).toContain(`TRIBUTARY_DATA_DIR=${dataDir}`);

    const tokenRes = await fetch(`${url}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
        scope: 'all',
      }),
    });
    expect(tokenRes.status).toBe(200);
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };
    const clients = await fetch(`${url}/api/Client?count=100`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(clients.status).toBe(200);
    const body = (await clients.json()) as { record_count: number; clients: { name: string }[] };
    expect(body.clients.length).toBe(10); // 8 matching tenant names + the two customers sharing one name

    // The printed next step: a sync from another process against the same data directory.
    const sync = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'sync', '1', '--entities', 'customers,licences'],
      {
        cwd: root,
        env: withoutDatabaseUrl({
          ...process.env,
          TRIBUTARY_DATA_DIR: dataDir,
          TRIBUTARY_LOG_LEVEL: 'error',
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let syncOut = '';
    sync.stdout.on('data', (c: Buffer) => (syncOut += c.toString()));
    sync.stderr.on('data', (c: Buffer) => (syncOut += c.toString()));
    expect(await new Promise<number | null>((r) => sync.once('exit', (code) => r(code))), syncOut).toBe(0);
    const licences = await fetch(`${url}/api/SoftwareLicence?count=500`, {
      headers: { authorization: `Bearer ${token}` },
    });
    // The tenant on the review list (its name matches two customers) waits for the admin: no third customer
    // is created for it, and its licences are not imported until it is mapped.
    expect(((await licences.json()) as { record_count: number }).record_count).toBe((24 - 1) * 3);

    const exited = new Promise<number | null>((r) => child?.once('exit', (code) => r(code)));
    child?.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(fs.existsSync(dataDir)).toBe(false);
  }, 90_000);
});
