// Test support: Services over a test database, with a throw-away master key and a silent logger.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config/env.js';
import { systemActor } from '../../core/context.js';
import { createCipher } from '../../crypto/cipher.js';
import { newKey, ringFrom } from '../../crypto/keyring.js';
import type { DatabaseHandle } from '../../db/database.js';
import type { Db } from '../../db/transaction.js';
import { createLogger, type Logger } from '../../log.js';
import type { Services } from '../../services.js';
import { integrationCtx, type IntegrationCtx } from './context.js';

export interface TestServicesOptions {
  masterKey?: Buffer;
  log?: Logger;
}

export function testServices(
  handle: Pick<DatabaseHandle, 'db' | 'dialect'>,
  o: TestServicesOptions = {},
): Services {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-svc-'));
  const key = o.masterKey ?? newKey();
  return {
    db: handle.db,
    dialect: handle.dialect,
    config: loadConfig({}, { dataDir, masterKey: key.toString('base64') }),
    log: o.log ?? createLogger('silent'),
    cipher: createCipher(ringFrom([key], 'test')),
  };
}

/** An admin context (the system actor) over the services. */
export const adminCtx = (services: Services): IntegrationCtx => integrationCtx(services, systemActor());

/** A customer with one site, "HQ", written straight to the database: the target of a test's site mapping. */
export async function customerWithSite(
  db: Db,
  name: string,
): Promise<{ customerId: number; siteId: number }> {
  const c = await db
    .insertInto('customers')
    .values({ name, created_at: 'x', updated_at: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const site = await db
    .insertInto('sites')
    .values({ customer_id: c.id, name: 'HQ', created_at: 'x', updated_at: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { customerId: c.id, siteId: site.id };
}
