// Wiring shared by every process (serve, integrator, CLI commands): config → logger → database → migrations.
import type { Logger } from 'pino';
import { loadConfig, type Config } from './config/env.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createLogger } from './log.js';
import { bootCipher } from './crypto/boot-cipher.js';
import type { Services } from './services.js';

export interface Booted {
  services: Services;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

export interface BootOptions {
  overrides?: Partial<Config>;
  logger?: Logger;
  /** Apply pending migrations (serve, integrator and most commands do; `migrate` reports them itself). */
  migrate?: boolean;
}

export async function boot(options: BootOptions = {}): Promise<Booted> {
  const config = loadConfig(process.env, options.overrides ?? {});
  const log = options.logger ?? createLogger(config.logLevel);
  const handle = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  if (options.migrate !== false) await migrateToLatest(handle.db);
  const cipher = await bootCipher(config, handle.db).catch(async (e: unknown) => {
    await handle.close();
    throw e;
  });
  const services: Services = { db: handle.db, dialect: handle.dialect, config, log, cipher };
  return { services, handle, close: () => handle.close() };
}
