// Reading instances for the console, API and CLI: settings, status (Last Sync / Last Error) and the
// config with secrets masked.
import { requireAdmin } from '../../../core/context.js';
import type { IntegrationCtx } from '../context.js';
import { findConnector } from '../../registry.js';
import { loadInstanceRow, toInstance, type Instance, type InstanceRow } from './instance.js';
import { presentConfig } from './instance-config.js';

export interface InstanceView extends Instance {
  connectorName: string | null;
  config: Record<string, unknown>;
  secrets: Record<string, { set: boolean }>;
}

export function presentInstance(row: InstanceRow): InstanceView {
  const connector = findConnector(row.connector_id);
  return {
    ...toInstance(row),
    connectorName: connector?.manifest.displayName ?? null,
    ...presentConfig(connector, row),
  };
}

export async function getInstance(ctx: IntegrationCtx, id: number): Promise<InstanceView> {
  requireAdmin(ctx);
  return presentInstance(await loadInstanceRow(ctx.db, id));
}

export async function listInstances(
  ctx: IntegrationCtx,
  filter: { connectorId?: string } = {},
): Promise<InstanceView[]> {
  requireAdmin(ctx);
  let q = ctx.db.selectFrom('integration_instances').selectAll().orderBy('id');
  if (filter.connectorId) q = q.where('connector_id', '=', filter.connectorId);
  return (await q.execute()).map(presentInstance);
}
