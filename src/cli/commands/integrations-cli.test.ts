// The integration CLI in child processes against one database: instances create (config on stdin),
// list, check, mappings generate, sync, runs history, keys rotate (secrets stay readable), all with --json.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import {
  FIXTURE_CLIENT_ID,
  FIXTURE_SECRET,
  FixtureSource,
} from '../../../test/conformance/fixture-connector/source.js';

const MAIN = path.resolve('src/cli/main.ts');
const REGISTER = path.resolve('test/conformance/fixture-connector/register.ts');
const SLOW = { timeout: 300_000 };

describeEachDialect('tributary instances / mappings / sync / runs / keys CLI', (get, dialect) => {
  const source = new FixtureSource();
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  beforeAll(async () => {
    await source.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-icli-'));
    env = { ...process.env, TRIBUTARY_DATA_DIR: dataDir, TRIBUTARY_LOG_LEVEL: 'silent' };
    delete env.TRIBUTARY_MASTER_KEY;
    if (dialect === 'postgres') env.DATABASE_URL = get().url;
    else delete env.DATABASE_URL;
  });
  afterAll(async () => {
    await source.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const cli = (args: string[], input?: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', '--import', REGISTER, MAIN, ...args],
        { env },
        (err, stdout, stderr) =>
          resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.end(input ?? '');
    });
  const json = async (args: string[], input?: string) => {
    const r = await cli([...args, '--json'], input);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Record<string, unknown> & Record<number, unknown>;
  };

  it('creates, checks, maps, syncs and rotates keys from the command line', SLOW, async () => {
    const config = JSON.stringify({
      baseUrl: source.url,
      clientId: FIXTURE_CLIENT_ID,
      clientSecret: FIXTURE_SECRET,
      pageSize: 3,
    });
    const created = await json(
      ['instances', 'create', 'fixture', '--name', 'CLI', '--config', '-', '--unmapped', 'create_customer'],
      config,
    );
    expect(created).toMatchObject({
      connectorId: 'fixture',
      name: 'CLI',
      config: { clientSecret: '********' },
    });
    expect(JSON.stringify(created)).not.toContain(FIXTURE_SECRET);
    const id = String(created.id);
    const list = await json(['instances', 'list']);
    expect(Array.isArray(list) && list.length).toBe(1);
    expect(await json(['instances', 'check', id])).toMatchObject({ ok: true });
    expect(await json(['mappings', 'generate', id])).toEqual({
      mapped: 0,
      ambiguous: 0,
      unmatched: 7,
      alreadyMapped: 0,
    });
    const sync = await json(['sync', id, '--entities', 'customers']);
    expect(sync).toMatchObject({ status: 'succeeded', counts: { customers: { created: 7, failed: 0 } } });
    const runs = await json(['runs', id]);
    expect((runs as unknown as { status: string }[])[0]?.status).toBe('succeeded');
    const rotated = await json(['keys', 'rotate']);
    expect(rotated).toMatchObject({ rewrapped: 1, instances: 1 });
    expect(await json(['instances', 'check', id])).toMatchObject({ ok: true });
    // `instances enable` also resumes an instance the integrator paused, and says so.
    const pause = { paused_reason: 'Paused after 3 consecutive failures', consecutive_failures: 3 };
    if (dialect === 'postgres')
      await get().db.updateTable('integration_instances').set(pause).where('id', '=', Number(id)).execute();
    else {
      // The CLI's SQLite file in its data directory.
      const file = new Database(path.join(dataDir, 'tributary.db'));
      file
        .prepare('UPDATE integration_instances SET paused_reason = ?, consecutive_failures = ? WHERE id = ?')
        .run(pause.paused_reason, pause.consecutive_failures, Number(id));
      file.close();
    }
    const enabled = await cli(['instances', 'enable', id]);
    expect(enabled.code, enabled.stderr).toBe(0);
    expect(enabled.stdout).toContain(`Instance ${id} enabled and resumed`);
    expect(enabled.stdout).toContain('Paused after 3 consecutive failures');
    expect(await json(['instances', 'show', id])).toMatchObject({
      enabled: true,
      status: { pausedReason: null, consecutiveFailures: 0 },
    });
    const bad = await cli(
      ['instances', 'create', 'fixture', '--name', 'Bad', '--config', '-'],
      '{"baseUrl":"nope"}',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('config.baseUrl');

    // User roles, and the mapping option that gives one: only with --site.
    expect(await json(['user-roles', 'create', '--name', 'Customer User'])).toMatchObject({
      name: 'Customer User',
      description: null,
    });
    for (const target of [['--customer', '1'], ['--agent']]) {
      const wrong = await cli(['mappings', 'add', id, '--external-id', 't-9', ...target, '--user-role', '1']);
      expect(wrong.code, wrong.stdout).toBe(2);
      expect(wrong.stderr).toContain('--user-role goes with --site');
    }
    expect((await json(['mappings', 'list', id])) as unknown as unknown[]).toHaveLength(7);
    // Who a mapping syncs depends on its sub-containers and filter too: the table shows both.
    const recursive = await cli([
      'mappings',
      'add',
      id,
      '--external-id',
      't-1',
      '--customer',
      '1',
      '--recursive',
    ]);
    expect(recursive.code, recursive.stderr).toBe(0);
    const listed = (await cli(['mappings', 'list', id, '--status', 'mapped'])).stdout.split('\n');
    expect(listed[0]).toMatch(/\buser_role\s+recursive\s+filter\s+source\b/);
    expect(listed.find((l) => /^\d+\s+t-1\s/.test(l))).toMatch(/\scustomer\s+1\s+yes\s+manual$/);
    expect(await json(['user-roles', 'update', '1', '--name', 'Customer Users'])).toMatchObject({
      id: 1,
      name: 'Customer Users',
    });
    expect(await json(['user-roles', 'delete', '1'])).toEqual({ deleted: 1, usersCleared: 0 });
    expect(await json(['user-roles', 'list'])).toEqual([]);
  });
});
