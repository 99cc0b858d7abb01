// Rows the integrator tests need: instances, agents, and a Services object over a test database.
import { loadConfig, type Config } from '../../config/env.js';
import { createCipher, newKey, ringFrom } from '../../crypto/index.js';
import type { DatabaseHandle } from '../../db/database.js';
import type { Db } from '../../db/transaction.js';
import { createLogger } from '../../log.js';
import type { Services } from '../../services.js';

export function testServices(handle: DatabaseHandle, overrides: Partial<Config> = {}): Services {
  const config = loadConfig({ TRIBUTARY_DATA_DIR: '/tmp/tributary-integrator-test' }, overrides);
  const cipher = createCipher(ringFrom([newKey()], 'test'));
  return {
    db: handle.db,
    dialect: handle.dialect,
    config,
    cipher,
    log: createLogger(process.env.TEST_LOG_LEVEL === undefined ? 'silent' : 'debug'),
  };
}

let seq = 0;

export interface InstanceSeed {
  connectorId?: string;
  name?: string;
  schedule?: string;
  entities?: string[] | null;
  enabled?: boolean;
  configJson?: string;
}

export async function insertInstance(db: Db, seed: InstanceSeed = {}): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('integration_instances')
    .values({
      connector_id: seed.connectorId ?? 'fixture',
      name: seed.name ?? `instance ${++seq}-${process.pid}-${Date.now()}`,
      schedule: seed.schedule ?? '0 3 * * *',
      entities_json:
        seed.entities === undefined || seed.entities === null ? null : JSON.stringify(seed.entities),
      enabled: seed.enabled === false ? 0 : 1,
      ...(seed.configJson ? { config_json: seed.configJson } : {}),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertAgent(
  db: Db,
  a: { name: string; email: string | null; notify: boolean; inactive?: boolean },
): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('agents')
    .values({
      name: a.name,
      email: a.email,
      notify_sync_failures: a.notify ? 1 : 0,
      inactive: a.inactive ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
