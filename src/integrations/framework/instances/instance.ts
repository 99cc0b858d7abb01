// An integration instance as the framework sees it: one configured connection of a connector.
import type { Db, Tx } from '../../../db/transaction.js';
import type { IntegrationInstanceTable } from '../../../db/schema/integrations.js';
import type { Selectable } from 'kysely';
import { notFound } from '../../../core/errors.js';
import type { EntityName } from '../contract.js';

export type InstanceRow = Selectable<IntegrationInstanceTable>;

export interface Instance {
  id: number;
  connectorId: string;
  name: string;
  enabled: boolean;
  schedule: string;
  entities: EntityName[] | null;
  apiAgentId: number | null;
  unmappedPolicy: 'skip' | 'create_customer';
  createUnderToplevelId: number | null;
  sweepMaxAbsolute: number;
  sweepMaxPercent: number;
  userLeaverPolicy: 'no_tickets' | 'always' | 'never';
  fieldMappings: Partial<Record<EntityName, string[]>> | null;
  status: {
    lastSyncAt: string | null;
    lastError: string | null;
    lastErrorAt: string | null;
    lastRunId: number | null;
    consecutiveFailures: number;
    pausedReason: string | null;
    runningRunId: number | null;
  };
}

export function toInstance(r: InstanceRow): Instance {
  return {
    id: r.id,
    connectorId: r.connector_id,
    name: r.name,
    enabled: r.enabled === 1,
    schedule: r.schedule,
    entities: r.entities_json ? (JSON.parse(r.entities_json) as EntityName[]) : null,
    apiAgentId: r.api_agent_id,
    unmappedPolicy: r.unmapped_policy,
    createUnderToplevelId: r.create_under_toplevel_id,
    sweepMaxAbsolute: r.sweep_max_absolute,
    sweepMaxPercent: r.sweep_max_percent,
    userLeaverPolicy: r.user_leaver_policy,
    fieldMappings: r.field_mappings_json
      ? (JSON.parse(r.field_mappings_json) as Instance['fieldMappings'])
      : null,
    status: {
      lastSyncAt: r.last_sync_at,
      lastError: r.last_error,
      lastErrorAt: r.last_error_at,
      lastRunId: r.last_run_id,
      consecutiveFailures: r.consecutive_failures,
      pausedReason: r.paused_reason,
      runningRunId: r.running_run_id,
    },
  };
}

export async function loadInstanceRow(db: Db | Tx, id: number): Promise<InstanceRow> {
  const row = await db
    .selectFrom('integration_instances')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Integration instance', id);
  return row;
}
