// Integration framework tables: connector instances (config, encrypted secrets, status, run lease),
// container mappings (tenant/OU → customer/site/agent role), cursors with read generations, runs and
// per-record errors. Frozen once committed: never import application types here.
import type { Kysely } from 'kysely';
import { boolColumn, withId, withTimestamps } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withTimestamps(
    withId(db, db.schema.createTable('integration_instances'))
      .addColumn('connector_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('enabled', boolColumn, (c) => c.notNull().defaultTo(1))
      /** Non-secret configuration as JSON. */
      .addColumn('config_json', 'text', (c) => c.notNull().defaultTo('{}'))
      /** JSON object field path → encrypted envelope (see src/crypto). */
      .addColumn('secrets_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('schedule', 'text', (c) => c.notNull())
      /** JSON array of entity names to sync; null = every entity of the connector. */
      .addColumn('entities_json', 'text')
      .addColumn('api_agent_id', 'integer')
      .addColumn('unmapped_policy', 'text', (c) => c.notNull().defaultTo('skip'))
      .addColumn('create_under_toplevel_id', 'integer')
      .addColumn('sweep_max_absolute', 'integer', (c) => c.notNull().defaultTo(25))
      .addColumn('sweep_max_percent', 'integer', (c) => c.notNull().defaultTo(20))
      .addColumn('user_leaver_policy', 'text', (c) => c.notNull().defaultTo('no_tickets'))
      /** JSON: entity → list of our field names to write; null = every field the connector provides. */
      .addColumn('field_mappings_json', 'text')
      .addColumn('last_sync_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('last_error_at', 'text')
      .addColumn('last_run_id', 'integer')
      .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('paused_reason', 'text')
      /** Run lease: one run per instance across processes, claimed with a conditional UPDATE. */
      .addColumn('running_run_id', 'integer')
      .addColumn('lease_expires_at', 'text')
      .addColumn('lease_owner', 'text')
      .addUniqueConstraint('integration_instances_name_uq', ['connector_id', 'name']),
  ).execute();

  await withTimestamps(
    withId(db, db.schema.createTable('container_mappings'))
      .addColumn('instance_id', 'integer', (c) =>
        c.notNull().references('integration_instances.id').onDelete('cascade'),
      )
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('external_name', 'text', (c) => c.notNull())
      .addColumn('container_kind', 'text', (c) => c.notNull())
      /** mapped | ambiguous (review list) | unmatched */
      .addColumn('status', 'text', (c) => c.notNull())
      /** customer | site | agent; null while ambiguous or unmatched */
      .addColumn('target_kind', 'text')
      .addColumn('customer_id', 'integer')
      .addColumn('site_id', 'integer')
      .addColumn('role_id', 'integer')
      .addColumn('team_id', 'integer')
      .addColumn('recursive', boolColumn, (c) => c.notNull().defaultTo(0))
      .addColumn('filter', 'text')
      /** generated | manual */
      .addColumn('source', 'text', (c) => c.notNull())
      /** JSON array of candidate record ids for ambiguous names. */
      .addColumn('candidates_json', 'text')
      .addUniqueConstraint('container_mappings_uq', ['instance_id', 'external_id']),
  ).execute();

  await db.schema
    .createTable('sync_cursors')
    .addColumn('instance_id', 'integer', (c) =>
      c.notNull().references('integration_instances.id').onDelete('cascade'),
    )
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('cursor_json', 'text')
    /** The read generation stamped on every record seen by the current (or last) full read. */
    .addColumn('generation', 'integer')
    /** 1 while a full read has committed pages but not reached its end (a resumed run keeps the generation). */
    .addColumn('full_in_progress', boolColumn, (c) => c.notNull().defaultTo(0))
    .addColumn('last_full_at', 'text')
    /** JSON array of external ids an incremental read reported removed, not yet applied. */
    .addColumn('pending_removed_json', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_cursors_pk', ['instance_id', 'entity'])
    .execute();

  await withId(db, db.schema.createTable('integration_runs'))
    .addColumn('instance_id', 'integer', (c) =>
      c.notNull().references('integration_instances.id').onDelete('cascade'),
    )
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('dry_run', boolColumn, (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('entities_json', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('modes_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('counts_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('progress_json', 'text')
    .addColumn('cursor_before_json', 'text')
    .addColumn('cursor_after_json', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_kind', 'text')
    .addColumn('error_message', 'text')
    .addColumn('pending_sweep_json', 'text')
    .addColumn('sweep_decision', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by_agent_id', 'integer')
    .addColumn('preview_json', 'text')
    .execute();
  await db.schema
    .createIndex('integration_runs_instance_idx')
    .on('integration_runs')
    .columns(['instance_id', 'id'])
    .execute();

  await withId(db, db.schema.createTable('run_record_errors'))
    .addColumn('run_id', 'integer', (c) => c.notNull().references('integration_runs.id').onDelete('cascade'))
    .addColumn('instance_id', 'integer', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('external_name', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('run_record_errors_run_idx').on('run_record_errors').column('run_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'run_record_errors',
    'integration_runs',
    'sync_cursors',
    'container_mappings',
    'integration_instances',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
