// "Where did this record come from": the external links of one or many records, with the integration instance
// that owns each link, its external id and when the source last reported it.
import type { ExternalRecordType } from '../../db/schema/core.js';
import type { Ctx } from '../context.js';

export interface RecordSource {
  instanceId: number;
  /** Null only if the instance row is gone (links outlive a deleted instance). */
  instanceName: string | null;
  connector: string | null;
  externalId: string;
  externalName: string | null;
  lastSeenAt: string;
  lastSeenRunId: number | null;
}

export async function sourcesOf(
  ctx: Ctx,
  recordType: ExternalRecordType,
  recordIds: readonly number[],
): Promise<Map<number, RecordSource[]>> {
  const out = new Map<number, RecordSource[]>();
  if (recordIds.length === 0) return out;
  const links = await ctx.db
    .selectFrom('external_links as l')
    .leftJoin('integration_instances as i', 'i.id', 'l.instance_id')
    .select([
      'l.record_id',
      'l.instance_id',
      'l.external_id',
      'l.external_name',
      'l.last_seen_at',
      'l.last_seen_run_id',
      'i.name',
      'i.connector_id',
    ])
    .where('l.record_type', '=', recordType)
    .where('l.record_id', 'in', [...recordIds])
    .orderBy('l.last_seen_at', 'desc')
    .execute();
  for (const l of links) {
    const list = out.get(l.record_id) ?? [];
    list.push({
      instanceId: l.instance_id,
      instanceName: l.name,
      connector: l.connector_id,
      externalId: l.external_id,
      externalName: l.external_name,
      lastSeenAt: l.last_seen_at,
      lastSeenRunId: l.last_seen_run_id,
    });
    out.set(l.record_id, list);
  }
  return out;
}
