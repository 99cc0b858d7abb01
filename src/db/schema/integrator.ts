// Row types of the integrator's own tables (see migrations/20261121000500_integrator.ts).
// Timestamps are ISO-8601 UTC text on both dialects.
import type { Generated } from 'kysely';

/** What the last notification said about an instance; the next mail is sent only when this changes. */
export type NotifiedState = 'ok' | 'failing' | 'paused';

export interface IntegratorInstanceStateTable {
  /** integration_instances.id; one row per instance, created on first use. */
  instance_id: number;
  /** Nominal time of the last schedule tick claimed by some integrator process (dedupes ticks across processes). */
  last_scheduled_at: string | null;
  notified_state: Generated<NotifiedState>;
  notified_at: string | null;
  /** Per-instance override of the pause threshold (consecutive failures); null = the global setting. */
  pause_after_failures: number | null;
  updated_at: string;
}

export type NotificationKind = 'failure' | 'recovery' | 'paused';

export interface IntegratorNotificationTable {
  id: Generated<number>;
  instance_id: number;
  kind: NotificationKind;
  /** JSON array of the addresses written to. */
  recipients: string;
  error_code: string | null;
  /** sent | failed | no_recipients | no_smtp */
  status: string;
  /** Why sending failed (SMTP error text, never credentials). */
  error: string | null;
  created_at: string;
}

/** A pg-boss job a worker is running right now, with a heartbeat; a stale heartbeat means the worker died. */
export interface IntegratorActiveJobTable {
  job_id: string;
  instance_id: number;
  /** host:pid of the worker process. */
  worker: string;
  started_at: string;
  heartbeat_at: string;
}

/** Admin-stored integrator settings (smtp_url as a cipher envelope, smtp_from, pause_after_failures). */
export interface IntegratorSettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface IntegratorTables {
  integrator_instance_state: IntegratorInstanceStateTable;
  integrator_notifications: IntegratorNotificationTable;
  integrator_active_jobs: IntegratorActiveJobTable;
  integrator_settings: IntegratorSettingTable;
}
