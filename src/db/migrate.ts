// Applies pending migrations. Kysely's Migrator never throws; we turn its result into one AppError.
import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import { AppError } from '../core/errors.js';
import { migrations } from './migrations/index.js';

export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'tributary_migrations',
    migrationLockTableName: 'tributary_migrations_lock',
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    throw new AppError(
      'MIGRATION_FAILED',
      'internal',
      `Migration ${failed?.migrationName ?? '(unknown)'} failed`,
      { cause: error },
    );
  }
  return results;
}
