// Row types of the integration framework (see migrations/20261121000400_integrations.ts).
import type { Generated } from 'kysely';

type Bool = number;

export type UnmappedPolicy = 'skip' | 'create_customer';
export type UserLeaverPolicy = 'no_tickets' | 'always' | 'never';
export type RunTrigger = 'manual' | 'schedule' | 'auto' | 'api';
export type RunStatus =
  'running' | 'succeeded' | 'partial' | 'failed' | 'needs_approval' | 'skipped_already_running';
export type MappingStatus = 'mapped' | 'ambiguous' | 'unmatched';
export type MappingTargetKind = 'customer' | 'site' | 'agent';

export interface IntegrationInstanceTable {
  id: Generated<number>;
  connector_id: string;
  name: string;
  enabled: Generated<Bool>;
  config_json: Generated<string>;
  secrets_json: Generated<string>;
  schedule: string;
  entities_json: string | null;
  api_agent_id: number | null;
  unmapped_policy: Generated<UnmappedPolicy>;
  create_under_toplevel_id: number | null;
  sweep_max_absolute: Generated<number>;
  sweep_max_percent: Generated<number>;
  user_leaver_policy: Generated<UserLeaverPolicy>;
  field_mappings_json: string | null;
  last_sync_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  last_run_id: number | null;
  consecutive_failures: Generated<number>;
  paused_reason: string | null;
  running_run_id: number | null;
  lease_expires_at: string | null;
  lease_owner: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContainerMappingTable {
  id: Generated<number>;
  instance_id: number;
  external_id: string;
  external_name: string;
  container_kind: string;
  status: MappingStatus;
  target_kind: MappingTargetKind | null;
  customer_id: number | null;
  site_id: number | null;
  role_id: number | null;
  team_id: number | null;
  /** Site targets: the user role their people get (null: roles are left as they are). */
  user_role_id: number | null;
  recursive: Generated<Bool>;
  filter: string | null;
  source: 'generated' | 'manual';
  candidates_json: string | null;
  created_at: string;
  updated_at: string;
}

export interface SyncCursorTable {
  instance_id: number;
  entity: string;
  cursor_json: string | null;
  generation: number | null;
  full_in_progress: Generated<Bool>;
  last_full_at: string | null;
  pending_removed_json: string | null;
  updated_at: string;
}

export interface IntegrationRunTable {
  id: Generated<number>;
  instance_id: number;
  trigger: RunTrigger;
  dry_run: Generated<Bool>;
  status: RunStatus;
  entities_json: string;
  started_at: string;
  finished_at: string | null;
  modes_json: Generated<string>;
  counts_json: Generated<string>;
  progress_json: string | null;
  cursor_before_json: string | null;
  cursor_after_json: string | null;
  error_code: string | null;
  error_kind: string | null;
  error_message: string | null;
  pending_sweep_json: string | null;
  sweep_decision: 'approved' | 'rejected' | null;
  decided_at: string | null;
  decided_by_agent_id: number | null;
  preview_json: string | null;
}

export interface RunRecordErrorTable {
  id: Generated<number>;
  run_id: number;
  instance_id: number;
  entity: string;
  external_id: string | null;
  external_name: string | null;
  code: string;
  message: string;
  created_at: string;
}

export interface IntegrationTables {
  integration_instances: IntegrationInstanceTable;
  container_mappings: ContainerMappingTable;
  sync_cursors: SyncCursorTable;
  integration_runs: IntegrationRunTable;
  run_record_errors: RunRecordErrorTable;
}
