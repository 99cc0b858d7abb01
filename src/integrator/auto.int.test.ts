// `tributary integrator --auto` / `AUTO` as a real process on a SQLite file: runs every enabled instance
// once through the runner (Sophos connector against the Sophos fake), prints the summary, and exits
// non-zero when a run failed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSophos, type FakeSophos } from '../../test/fakes/sophos/index.js';
import { newKey } from '../crypto/keyring.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createInstance } from '../integrations/framework/index.js';
import { adminCtx, testServices } from '../integrations/framework/testing.js';
import { fakeSophosConfigInput } from '../integrations/sophos/testing.js';
import type { AutoRow } from './auto.js';
import { runCli } from './test-support/cli.js';

describe('tributary integrator AUTO [sqlite, separate process]', () => {
  let dir: string;
  let handle: DatabaseHandle;
  let fake: FakeSophos;
  const key = newKey();
  let env: Record<string, string>;
  const ids: Record<'good' | 'bad' | 'paused' | 'disabled', number> = {
    good: 0,
    bad: 0,
    paused: 0,
    disabled: 0,
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-auto-'));
    handle = openDatabase({ dataDir: dir });
    await migrateToLatest(handle.db);
    fake = await startFakeSophos({ tenants: 4, licencesPerTenant: 1, seed: 3 });
    const ctx = adminCtx(testServices(handle, { masterKey: key }));
    const make = async (name: string, config: Record<string, unknown>, enabled = true) =>
      (
        await createInstance(ctx, {
          connectorId: 'sophos',
          name,
          config,
          unmappedPolicy: 'create_customer',
          enabled,
        })
      ).id;
    ids.good = await make('Sophos good', fakeSophosConfigInput(fake));
    ids.bad = await make(
      'Sophos wrong secret',
      fakeSophosConfigInput(fake, 'partner', { clientSecret: 'not-the-secret' }),
    );
    ids.paused = await make('Sophos paused', fakeSophosConfigInput(fake));
    ids.disabled = await make('Sophos disabled', fakeSophosConfigInput(fake), false);
    await handle.db
      .updateTable('integration_instances')
      .set({ paused_reason: 'Paused after 30 consecutive failures', consecutive_failures: 30 })
      .where('id', '=', ids.paused)
      .execute();
    env = {
      TRIBUTARY_DATA_DIR: dir,
      TRIBUTARY_MASTER_KEY: key.toString('base64'),
      TRIBUTARY_LOG_LEVEL: 'warn',
    };
  });
  afterAll(async () => {
    await handle?.close();
    await fake?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--auto runs every enabled, unpaused instance once, prints the table, and exits 1 when one failed', async () => {
    const r = await runCli(['integrator', '--auto'], env, 90_000);
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^instance\s+connector\s+status\s+created\s+updated\s+unchanged\s+inactivated\s+failed\s+duration\s+error$/,
    );
    const good = lines.find((l) => l.startsWith(`Sophos good (#${ids.good})`));
    // 4 tenants → 4 customers, 4 licences.
    expect(good).toMatch(/\s+sophos\s+succeeded\s+8\s+0\s+0\s+0\s+0\s+\d+\.\ds$/);
    const bad = lines.find((l) => l.startsWith(`Sophos wrong secret (#${ids.bad})`));
    expect(bad).toMatch(/\s+sophos\s+failed\s+(-|0)\s+.*\d+\.\ds\s+[A-Z_]+: /);
    expect(lines.find((l) => l.startsWith(`Sophos paused (#${ids.paused})`))).toMatch(
      /\s+paused\s+.*PAUSED: Paused after 30 consecutive failures/,
    );
    expect(r.stdout).not.toContain('Sophos disabled');

    const runs = await handle.db
      .selectFrom('integration_runs')
      .select(['instance_id', 'trigger', 'status'])
      .orderBy('id')
      .execute();
    expect(runs.map((x) => [x.instance_id, x.trigger, x.status])).toEqual([
      [ids.good, 'auto', 'succeeded'],
      [ids.bad, 'auto', 'failed'],
    ]);
  });

  it('AUTO (positional, any case) with --json; exit 0 when nothing failed', async () => {
    await handle.db
      .updateTable('integration_instances')
      .set({ enabled: 0 })
      .where('id', '=', ids.bad)
      .execute();
    const r = await runCli(['integrator', 'auto', '--json'], env, 90_000);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as AutoRow[];
    expect(rows.map((x) => [x.instanceId, x.status])).toEqual([
      [ids.good, 'succeeded'],
      [ids.paused, 'paused'],
    ]);
    expect(rows[0]?.counts).toEqual({ created: 0, updated: 0, unchanged: 8, inactivated: 0, failed: 0 });
    expect(rows[0]?.runId).toBeGreaterThan(0);
    expect(rows[0]?.durationMs).toBeGreaterThanOrEqual(0);

    const upper = await runCli(['integrator', 'AUTO'], env, 90_000);
    expect(upper.code, upper.stderr).toBe(0);
    expect(upper.stdout).toContain(`Sophos good (#${ids.good})`);
  });

  it('rejects an unknown mode', async () => {
    const r = await runCli(['integrator', 'sometimes'], env, 30_000);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('unknown integrator mode "sometimes"');
  });
});
