// The real CLI in a child process: `agents create`, `apps create --json` (exact output shape), `apps list`
// (no secrets), `apps regenerate --json`, `agents reset-password`; the printed secret works at the token endpoint.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import { openDatabase, type DatabaseHandle } from '../../db/database.js';
import { issueClientCredentialsToken } from '../../auth/tokens/issue-client-credentials-token.js';
import { logIn } from '../../auth/sessions/log-in.js';

const run = promisify(execFile);
const MAIN = path.resolve('src/cli/main.ts');
// Each CLI run starts Node + tsx and boots the app: a few seconds apiece on a small machine.
const SLOW = { timeout: 180_000 };

describeEachDialect('tributary apps / agents CLI', (get, dialect) => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let db: DatabaseHandle;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-cli-'));
    env = { ...process.env, TRIBUTARY_DATA_DIR: dataDir, TRIBUTARY_LOG_LEVEL: 'info' };
    if (dialect === 'postgres') env.DATABASE_URL = get().url;
    else delete env.DATABASE_URL;
  });
  afterAll(async () => {
    await db?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const cli = async (args: string[], input?: string) => {
    const child = run(process.execPath, ['--import', 'tsx', MAIN, ...args], { env, cwd: process.cwd() });
    if (input !== undefined) {
      child.child.stdin?.end(input);
    } else child.child.stdin?.end();
    return child;
  };

  it(
    'creates an agent and an application, printing exactly {client_id, client_secret} with --json',
    SLOW,
    async () => {
      const agent = await cli([
        'agents',
        'create',
        '--name',
        'Integrator',
        '--api-only',
        '--role',
        'API Integration',
      ]);
      expect(agent.stdout).toMatch(/Created agent Integrator \(id \d+\), API-only; roles: API Integration/);

      const created = await cli([
        'apps',
        'create',
        '--name',
        'n8n',
        '--agent',
        'Integrator',
        '--scopes',
        'edit:tickets read:customers',
        '--json',
      ]);
      const parsed: unknown = JSON.parse(created.stdout);
      expect(Object.keys(parsed as object).sort()).toEqual(['client_id', 'client_secret']);
      const { client_id: clientId, client_secret: secret } = parsed as {
        client_id: string;
        client_secret: string;
      };
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

      db = dialect === 'postgres' ? openDatabase({ url: get().url }) : openDatabase({ dataDir });
      const token = await issueClientCredentialsToken(
        db.db,
        { clientId, clientSecret: secret, scope: 'all' },
        { now: new Date(), ttlSeconds: 60 },
      );
      expect(token.scope).toBe('edit:tickets read:customers');

      const list = await cli(['apps', 'list']);
      expect(list.stdout).toContain(clientId);
      expect(list.stdout).not.toContain(secret);
      const listJson = await cli(['apps', 'list', '--json']);
      expect(listJson.stdout).not.toContain(secret);
      expect(JSON.parse(listJson.stdout)[0]).toMatchObject({ name: 'n8n', active_tokens: 1 });

      const regen = await cli(['apps', 'regenerate', clientId, '--json']);
      const fresh = JSON.parse(regen.stdout) as { client_id: string; client_secret: string };
      expect(fresh.client_id).toBe(clientId);
      expect(fresh.client_secret).not.toBe(secret);
      await expect(
        issueClientCredentialsToken(
          db.db,
          { clientId, clientSecret: secret },
          { now: new Date(), ttlSeconds: 60 },
        ),
      ).rejects.toMatchObject({ code: 'invalid_client' });
      const revoked = await cli(['apps', 'revoke-tokens', clientId, '--json']);
      expect(JSON.parse(revoked.stdout)).toEqual({ revoked: 0 }); // regeneration already revoked the token
    },
  );

  it('creates a console agent from a piped password and resets it', SLOW, async () => {
    const created = await cli(
      [
        'agents',
        'create',
        '--name',
        'Jo Admin',
        '--login',
        'Jo',
        '--password-stdin',
        '--role',
        'Administrator',
      ],
      'a long console password\n',
    );
    expect(created.stdout).toContain('login jo');
    await expect(
      logIn(db.db, { login: 'jo', password: 'a long console password' }, new Date()),
    ).resolves.toMatchObject({ agentId: expect.any(Number) });
    const reset = await cli(['agents', 'reset-password', 'jo', '--json']);
    const { password } = JSON.parse(reset.stdout) as { password: string };
    await expect(logIn(db.db, { login: 'jo', password }, new Date())).resolves.toBeDefined();
    await expect(
      logIn(db.db, { login: 'jo', password: 'a long console password' }, new Date()),
    ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('fails with a clear message and exit code 2 for an unknown agent', SLOW, async () => {
    const failed = await cli(['apps', 'create', '--name', 'x', '--agent', 'nobody']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain('No agent with login, id or name nobody');
  });
});
