// `tributary serve` runs the integrator in-process by default, and not when embeddedIntegrator is false.
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
import { startServer } from '../server.js';
import { waitUntil } from './test-support/cli.js';

describe('embedded integrator in serve [sqlite]', () => {
  let dir: string;
  let handle: DatabaseHandle;
  let fake: FakeSophos;
  let instanceId = 0;
  const key = newKey();
  const overrides = () => ({
    dataDir: dir,
    port: 0,
    host: '127.0.0.1',
    masterKey: key.toString('base64'),
    logLevel: 'silent' as const,
    adminPassword: 'correct horse battery staple',
  });
  const scheduledRuns = async () =>
    (
      await handle.db
        .selectFrom('integration_runs')
        .select('id')
        .where('instance_id', '=', instanceId)
        .where('trigger', '=', 'schedule')
        .execute()
    ).length;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-serve-'));
    handle = openDatabase({ dataDir: dir });
    await migrateToLatest(handle.db);
    fake = await startFakeSophos({ tenants: 2, licencesPerTenant: 1, seed: 2 });
    const instance = await createInstance(adminCtx(testServices(handle, { masterKey: key })), {
      connectorId: 'sophos',
      name: 'Sophos every second',
      config: fakeSophosConfigInput(fake),
      unmappedPolicy: 'create_customer',
      schedule: '* * * * * *',
    });
    instanceId = instance.id;
  });
  afterAll(async () => {
    await handle?.close();
    await fake?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts the scheduler inside the server and stops it with the server', async () => {
    const server = await startServer({ overrides: { ...overrides(), embeddedIntegrator: true } });
    try {
      expect(server.integrator?.queue.kind).toBe('embedded');
      await waitUntil(
        'two scheduled runs',
        async () => ((await scheduledRuns()) >= 2 ? true : undefined),
        15_000,
      );
    } finally {
      await server.close();
    }
    const after = await scheduledRuns();
    await new Promise((r) => setTimeout(r, 2000));
    expect(await scheduledRuns()).toBe(after);
  });

  it('does not run the integrator when embeddedIntegrator is false', async () => {
    const before = await scheduledRuns();
    const server = await startServer({ overrides: { ...overrides(), embeddedIntegrator: false } });
    try {
      expect(server.integrator).toBeUndefined();
      await new Promise((r) => setTimeout(r, 2500));
      expect(await scheduledRuns()).toBe(before);
    } finally {
      await server.close();
    }
  });
});
