// The integrator's bookkeeping: per-instance schedule/notification state, the notification log, and the
// heartbeats of pg-boss jobs in flight (so a job whose worker died is retried quickly).
import type { Kysely } from 'kysely';
import { withId } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('integrator_instance_state')
    .addColumn('instance_id', 'integer', (c) => c.primaryKey())
    .addColumn('last_scheduled_at', 'text')
    /** ok | failing | paused: what the last e-mail said, so the next one goes out only on a change. */
    .addColumn('notified_state', 'text', (c) => c.notNull().defaultTo('ok'))
    .addColumn('notified_at', 'text')
    .addColumn('pause_after_failures', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('integrator_notifications'))
    .addColumn('instance_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipients', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('error_code', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('integrator_notifications_instance_idx')
    .on('integrator_notifications')
    .columns(['instance_id', 'id'])
    .execute();

  await db.schema
    .createTable('integrator_active_jobs')
    .addColumn('job_id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'integer', (c) => c.notNull())
    .addColumn('worker', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['integrator_active_jobs', 'integrator_notifications', 'integrator_instance_state']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
