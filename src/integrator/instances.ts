// Reading the integration instances the integrator schedules. The framework owns the table; the integrator
// only reads it (and sets paused_reason, see pause.ts).
import { z } from 'zod';
import type { EntityName } from '../integrations/framework/contract.js';
import type { Db } from '../db/transaction.js';

export interface ScheduledInstance {
  id: number;
  name: string;
  connectorId: string;
  schedule: string;
  /** The entities chosen for this instance; undefined = every entity the connector offers. */
  entities: EntityName[] | undefined;
  enabled: boolean;
  pausedReason: string | null;
  consecutiveFailures: number;
}

const EntitiesSchema = z.array(z.enum(['customers', 'licences', 'users', 'agents']));

function parseEntities(json: string | null): EntityName[] | undefined {
  if (json === null || json.trim() === '') return undefined;
  try {
    const parsed = EntitiesSchema.safeParse(JSON.parse(json));
    return parsed.success && parsed.data.length > 0 ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const columns = [
  'id',
  'name',
  'connector_id',
  'schedule',
  'entities_json',
  'enabled',
  'paused_reason',
  'consecutive_failures',
] as const;

type Row = {
  id: number;
  name: string;
  connector_id: string;
  schedule: string;
  entities_json: string | null;
  enabled: number;
  paused_reason: string | null;
  consecutive_failures: number;
};

function toInstance(r: Row): ScheduledInstance {
  return {
    id: r.id,
    name: r.name,
    connectorId: r.connector_id,
    schedule: r.schedule,
    entities: parseEntities(r.entities_json),
    enabled: r.enabled === 1,
    pausedReason: r.paused_reason,
    consecutiveFailures: r.consecutive_failures,
  };
}

/** Every enabled instance (paused ones included: callers decide), in id order. */
export async function listEnabledInstances(db: Db): Promise<ScheduledInstance[]> {
  const rows = await db
    .selectFrom('integration_instances')
    .select(columns)
    .where('enabled', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map(toInstance);
}

export async function getInstance(db: Db, id: number): Promise<ScheduledInstance | undefined> {
  const row = await db
    .selectFrom('integration_instances')
    .select(columns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toInstance(row) : undefined;
}

export const isRunnable = (i: ScheduledInstance): boolean => i.enabled && i.pausedReason === null;
