import type { Command } from 'commander';
import { boot } from '../../boot.js';
import { migrateToLatest } from '../../db/migrate.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations and exit')
    .action(async () => {
      const booted = await boot({ migrate: false });
      try {
        const results = await migrateToLatest(booted.services.db);
        if (results.length === 0) console.log('Database is up to date.');
        for (const r of results)
          console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`);
      } finally {
        await booted.close();
      }
    });
}
