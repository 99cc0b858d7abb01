// Builds what a connector receives for one instance: typed config (secrets decrypted), mappings, a logger
// that masks the instance's secret values, the run's signal and a progress callback.
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Tx } from '../../db/transaction.js';
import type { Cipher } from '../../crypto/cipher.js';
import { getConnector } from '../registry.js';
import { createRedactor } from '../kit/redact.js';
import { maskingLogger } from './masking-logger.js';
import type { Connector, ConnectorContext, EntityName } from './contract.js';
import { loadInstanceRow, type InstanceRow } from './instances/instance.js';
import { connectorConfig } from './instances/instance-config.js';
import { loadMappings } from './mappings/mapping.js';

export interface ConnectorContextOptions {
  signal?: AbortSignal | undefined;
  progress?: ((entity: EntityName, done: number, total?: number) => void) | undefined;
}

export interface Prepared {
  connector: Connector;
  row: InstanceRow;
  ctx: ConnectorContext<unknown>;
}

export async function prepareConnector(
  db: Db | Tx,
  cipher: Cipher,
  log: FastifyBaseLogger,
  instanceId: number,
  o: ConnectorContextOptions = {},
): Promise<Prepared> {
  const row = await loadInstanceRow(db, instanceId);
  const connector = getConnector(row.connector_id);
  const { config, secretValues } = connectorConfig(cipher, connector, row);
  const mappings = await loadMappings(db, instanceId);
  const ctx: ConnectorContext<unknown> = {
    config,
    instanceId,
    log: maskingLogger(
      log.child({ instanceId, connector: connector.manifest.id }),
      createRedactor(secretValues),
    ),
    signal: o.signal ?? new AbortController().signal,
    mappings,
    progress: o.progress ?? (() => undefined),
    secretValues,
  };
  return { connector, row, ctx };
}
