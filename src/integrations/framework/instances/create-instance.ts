// Creates an instance of a connector: validates the config with the connector's schema, stores secrets
// encrypted (bound to the new row's id), and creates the instance's API-only agent.
import { conflict, invalidInput } from '../../../core/errors.js';
import { isoNow, requireAdmin } from '../../../core/context.js';
import { withTx } from '../../../db/transaction.js';
import { getConnector } from '../../registry.js';
import { parseInput, type IntegrationCtx } from '../context.js';
import { requireTopLevelIfSet } from './require-toplevel.js';
import { createApiAgent } from './api-agent.js';
import { CreateInstanceSchema, type CreateInstanceInput } from './input.js';
import { loadInstanceRow, toInstance, type Instance } from './instance.js';
import { prepareConfig, sealSecrets } from './instance-config.js';

export async function createInstance(ctx: IntegrationCtx, input: CreateInstanceInput): Promise<Instance> {
  requireAdmin(ctx);
  const i = parseInput(CreateInstanceSchema, input);
  const connector = getConnector(i.connectorId);
  const { plainJson, secrets } = prepareConfig(connector, i.config);
  const unknownEntity = (i.entities ?? []).find((e) => !connector.manifest.entities.includes(e));
  if (unknownEntity)
    throw invalidInput(`${connector.manifest.id} does not sync ${unknownEntity}`, [
      { field: 'entities', message: `${unknownEntity} is not synced by ${connector.manifest.id}` },
    ]);
  return withTx(ctx.db, async (tx) => {
    const clash = await tx
      .selectFrom('integration_instances')
      .select('id')
      .where('connector_id', '=', i.connectorId)
      .where('name', '=', i.name)
      .executeTakeFirst();
    if (clash)
      throw conflict(`An instance named "${i.name}" already exists for ${i.connectorId}`, [
        { field: 'name', message: 'is already used' },
      ]);
    await requireTopLevelIfSet(tx, i.createUnderToplevelId);
    const now = isoNow(ctx);
    const agentId = await createApiAgent(tx, i.name, now);
    const { id } = await tx
      .insertInto('integration_instances')
      .values({
        connector_id: i.connectorId,
        name: i.name,
        enabled: i.enabled === false ? 0 : 1,
        config_json: plainJson,
        schedule: i.schedule ?? connector.manifest.defaultSchedule,
        entities_json: i.entities ? JSON.stringify(i.entities) : null,
        api_agent_id: agentId,
        unmapped_policy: i.unmappedPolicy ?? 'skip',
        create_under_toplevel_id: i.createUnderToplevelId ?? null,
        ...(i.sweepMaxAbsolute !== undefined ? { sweep_max_absolute: i.sweepMaxAbsolute } : {}),
        ...(i.sweepMaxPercent !== undefined ? { sweep_max_percent: i.sweepMaxPercent } : {}),
        user_leaver_policy: i.userLeaverPolicy ?? 'no_tickets',
        field_mappings_json: i.fieldMappings ? JSON.stringify(i.fieldMappings) : null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('integration_instances')
      .set({ secrets_json: sealSecrets(ctx.cipher, id, secrets) })
      .where('id', '=', id)
      .execute();
    return toInstance(await loadInstanceRow(tx, id));
  });
}
