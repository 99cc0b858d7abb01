// Updates an instance's settings and/or config. A config update is merged over the stored config; secrets
// that are omitted or sent back masked keep their stored value (secrets are write-only).
import { conflict, invalidInput } from '../../../core/errors.js';
import { isoNow, requireAdmin } from '../../../core/context.js';
import { withTx } from '../../../db/transaction.js';
import { getConnector } from '../../registry.js';
import { parseInput, type IntegrationCtx } from '../context.js';
import { requireTopLevelIfSet } from './require-toplevel.js';
import { mergeConfigUpdate } from '../secret-field.js';
import { refuseIdentityKeyRename } from './identity-keys.js';
import { resumeInstance } from '../../../integrator/pause.js';
import { renameApiAgent } from './api-agent.js';
import { UpdateInstanceSchema, type UpdateInstanceInput } from './input.js';
import { loadInstanceRow, toInstance, type Instance } from './instance.js';
import { prepareConfig, rawConfig, sealSecrets } from './instance-config.js';

export async function updateInstance(
  ctx: IntegrationCtx,
  id: number,
  input: UpdateInstanceInput,
): Promise<Instance> {
  requireAdmin(ctx);
  const i = parseInput(UpdateInstanceSchema, input);
  return withTx(ctx.db, async (tx) => {
    const row = await loadInstanceRow(tx, id);
    const connector = getConnector(row.connector_id);
    const bad = (i.entities ?? []).find((e) => !connector.manifest.entities.includes(e));
    if (bad)
      throw invalidInput(`${connector.manifest.id} does not sync ${bad}`, [
        { field: 'entities', message: `${bad} is not synced by ${connector.manifest.id}` },
      ]);
    if (i.name !== undefined && i.name !== row.name) {
      const clash = await tx
        .selectFrom('integration_instances')
        .select('id')
        .where('connector_id', '=', row.connector_id)
        .where('name', '=', i.name)
        .executeTakeFirst();
      if (clash)
        throw conflict(`An instance named "${i.name}" already exists for ${row.connector_id}`, [
          { field: 'name', message: 'is already used' },
        ]);
    }
    await requireTopLevelIfSet(tx, i.createUnderToplevelId);
    const now = isoNow(ctx);
    const changes: Record<string, unknown> = {};
    if (i.config !== undefined) {
      const current = rawConfig(ctx.cipher, row);
      const full = mergeConfigUpdate(connector.manifest.configSchema, current, i.config);
      // First: a renamed key also loses its stored password (secrets follow their key), and "renamed" is the
      // error that explains both.
      await refuseIdentityKeyRename(tx, connector, id, current, full);
      const { plainJson, secrets } = prepareConfig(connector, full);
      changes.config_json = plainJson;
      changes.secrets_json = sealSecrets(ctx.cipher, id, secrets);
    }
    if (i.name !== undefined) changes.name = i.name;
    if (i.enabled !== undefined) changes.enabled = i.enabled ? 1 : 0;
    if (i.schedule !== undefined) changes.schedule = i.schedule;
    if (i.entities !== undefined) changes.entities_json = i.entities ? JSON.stringify(i.entities) : null;
    if (i.unmappedPolicy !== undefined) changes.unmapped_policy = i.unmappedPolicy;
    if (i.createUnderToplevelId !== undefined) changes.create_under_toplevel_id = i.createUnderToplevelId;
    if (i.sweepMaxAbsolute !== undefined) changes.sweep_max_absolute = i.sweepMaxAbsolute;
    if (i.sweepMaxPercent !== undefined) changes.sweep_max_percent = i.sweepMaxPercent;
    if (i.userLeaverPolicy !== undefined) changes.user_leaver_policy = i.userLeaverPolicy;
    if (i.fieldMappings !== undefined)
      changes.field_mappings_json = i.fieldMappings ? JSON.stringify(i.fieldMappings) : null;
    await tx
      .updateTable('integration_instances')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .execute();
    if (i.name !== undefined) await renameApiAgent(tx, row.api_agent_id, i.name, now);
    return toInstance(await loadInstanceRow(tx, id));
  });
}

/** Enable or disable an instance (a disabled instance is never scheduled; manual runs still work). */
/**
 * Enables or disables scheduled runs. Enabling is the admin turning the instance back on, so it also resumes an
 * instance the integrator paused after repeated failures (clears paused_reason and the failure count).
 */
export async function setInstanceEnabled(
  ctx: IntegrationCtx,
  id: number,
  enabled: boolean,
): Promise<Instance> {
  const updated = await updateInstance(ctx, id, { enabled });
  if (!enabled || updated.status.pausedReason === null) return updated;
  return resumePausedInstance(ctx, id);
}

/** Resumes a paused instance (and enables it): the admin API's and console's "Resume". */
export async function resumePausedInstance(ctx: IntegrationCtx, id: number): Promise<Instance> {
  requireAdmin(ctx);
  await loadInstanceRow(ctx.db, id); // 404 for an unknown instance
  await resumeInstance(ctx.db, id);
  return toInstance(await loadInstanceRow(ctx.db, id));
}
