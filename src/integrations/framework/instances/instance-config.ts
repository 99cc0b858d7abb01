// Reading and writing an instance's connector config: non-secret fields as JSON, secret fields (by the
// schema's `secret()` marks) as envelopes bound to (instance id, field path).
import type { Cipher } from '../../../crypto/cipher.js';
import type { Connector } from '../contract.js';
import { parseInput } from '../context.js';
import { maskConfig, secretPathsIn, setPath, splitSecrets, type JsonObject } from '../secret-field.js';
import type { InstanceRow } from './instance.js';

export function sealSecrets(cipher: Cipher, instanceId: number, secrets: Record<string, string>): string {
  const sealed: Record<string, string> = {};
  for (const [field, value] of Object.entries(secrets))
    sealed[field] = cipher.encrypt(value, { instanceId, field });
  return JSON.stringify(sealed);
}

/** The full config (secrets decrypted), unvalidated. */
export function rawConfig(
  cipher: Cipher,
  row: Pick<InstanceRow, 'id' | 'config_json' | 'secrets_json'>,
): JsonObject {
  const config = JSON.parse(row.config_json) as JsonObject;
  const sealed = JSON.parse(row.secrets_json) as Record<string, string>;
  for (const [field, env] of Object.entries(sealed))
    setPath(config, field, cipher.decrypt(env, { instanceId: row.id, field }));
  return config;
}

/** The validated, typed config a connector receives, and its secret values (for masking). */
export function connectorConfig(
  cipher: Cipher,
  connector: Connector,
  row: InstanceRow,
): { config: unknown; secretValues: string[] } {
  const raw = rawConfig(cipher, row);
  const config = parseInput(connector.manifest.configSchema, raw, 'config');
  const { secrets } = splitSecrets(connector.manifest.configSchema, raw);
  return { config, secretValues: Object.values(secrets) };
}

/** The config as APIs show it: secrets masked, plus which secrets are set. */
export function presentConfig(
  connector: Connector | undefined,
  row: InstanceRow,
): { config: JsonObject; secrets: Record<string, { set: boolean }> } {
  const plain = JSON.parse(row.config_json) as JsonObject;
  const stored = Object.keys(JSON.parse(row.secrets_json) as Record<string, string>);
  const paths = connector ? secretPathsIn(connector.manifest.configSchema, plain) : stored;
  const secrets = Object.fromEntries(paths.map((p) => [p, { set: stored.includes(p) }]));
  return { config: connector ? maskConfig(connector.manifest.configSchema, plain, stored) : plain, secrets };
}

/** Validates a full config against the connector's schema and splits it for storage. */
export function prepareConfig(
  connector: Connector,
  full: JsonObject,
): { plainJson: string; secrets: Record<string, string> } {
  parseInput(connector.manifest.configSchema, full, 'config');
  const { plain, secrets } = splitSecrets(connector.manifest.configSchema, full);
  return { plainJson: JSON.stringify(plain), secrets };
}
