// Test support: run a suite against every dialect. SQLite gets a temporary file; PostgreSQL gets a fresh
// database on 127.0.0.1:5432 that is dropped afterwards. Set TEST_DIALECTS=sqlite to narrow a local run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type DatabaseHandle, type DialectName } from './database.js';
import { migrateToLatest } from './migrate.js';

export const TEST_PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function testDialects(): DialectName[] {
  const wanted = (process.env.TEST_DIALECTS ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  return (['sqlite', 'postgres'] as const).filter((d) => wanted.includes(d));
}

export interface TestDatabase extends DatabaseHandle {
  /** Removes the database (file or PostgreSQL database). */
  drop(): Promise<void>;
}

/** Creates an empty, migrated database of the given dialect. */
export async function createTestDatabase(
  dialect: DialectName,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const suffix = crypto.randomBytes(6).toString('hex');
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-test-'));
    handle = openDatabase({ sqliteFile: path.join(dir, 'test.db') });
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `tributary_test_${suffix}`;
    await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
    const url = new URL(TEST_PG_ADMIN_URL);
    url.pathname = `/${name}`;
    handle = openDatabase({ url: url.toString() });
    drop = () =>
      withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
  }
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return {
    ...handle,
    drop: async () => {
      await handle.close().catch(() => undefined);
      await drop();
    },
  };
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Declares `suite` once per dialect. `get()` returns that dialect's migrated test database.
 *   describeEachDialect('customers', (get) => { it('…', async () => { const { db } = get(); … }) })
 */
export function describeEachDialect(
  name: string,
  suite: (get: () => TestDatabase, dialect: DialectName) => void,
): void {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      let handle: TestDatabase | undefined;
      beforeAll(async () => {
        handle = await createTestDatabase(dialect);
      });
      afterAll(async () => {
        await handle?.drop();
      });
      suite(() => {
        if (!handle) throw new Error('test database not ready');
        return handle;
      }, dialect);
    });
  }
}
