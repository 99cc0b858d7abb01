// A database that a child process can open too: a SQLite file in a data directory, or a PostgreSQL URL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DialectName } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../src/db/testing.js';

export interface ChildDatabase {
  handle: TestDatabase;
  /** Environment for a child `tributary` process to open the same database. */
  env: Record<string, string>;
}

export async function createChildDatabase(dialect: DialectName): Promise<ChildDatabase> {
  if (dialect === 'postgres') {
    const handle = await createTestDatabase('postgres');
    return { handle, env: { DATABASE_URL: handle.url ?? '' } };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-child-'));
  const h = openDatabase({ dataDir: dir });
  await migrateToLatest(h.db);
  const handle: TestDatabase = {
    ...h,
    drop: async () => {
      await h.close().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return { handle, env: { TRIBUTARY_DATA_DIR: dir } };
}
