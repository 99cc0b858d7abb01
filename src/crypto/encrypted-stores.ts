// Every place a cipher envelope is stored at rest, each with how to re-wrap it under the current key.
// `keys rotate` goes through this list, so an encrypted column that is not registered here would stay under
// a retired key (secrets-at-rest.test.ts scans the tables for such envelopes after a rotation).
import type { Db, Tx } from '../db/transaction.js';
import { ENCRYPTED_SETTINGS } from '../integrator/stored-settings.js';
import type { Cipher } from './cipher.js';

export interface EncryptedStore {
  /** Names the store in rotation results ("instances", "integrator_settings"). */
  name: string;
  /** Re-wraps every envelope not under the current key; returns how many values and rows changed. */
  rewrap(tx: Tx, cipher: Cipher): Promise<{ values: number; rows: number }>;
  /** Every stored envelope (boot checks their key ids against the key ring). */
  envelopes(db: Db | Tx): Promise<string[]>;
}

/** integration_instances.secrets_json: one envelope per secret field, bound to (instance, field). */
export const instanceSecrets: EncryptedStore = {
  name: 'instances',
  async rewrap(tx, cipher) {
    const rows = await tx.selectFrom('integration_instances').select(['id', 'secrets_json']).execute();
    let values = 0;
    let changedRows = 0;
    for (const row of rows) {
      const secrets = JSON.parse(row.secrets_json) as Record<string, string>;
      let changed = false;
      for (const [field, env] of Object.entries(secrets)) {
        if (cipher.keyIdOf(env) === cipher.currentKeyId) continue;
        secrets[field] = cipher.rewrap(env, { instanceId: row.id, field });
        values++;
        changed = true;
      }
      if (changed) {
        changedRows++;
        await tx
          .updateTable('integration_instances')
          .set({ secrets_json: JSON.stringify(secrets) })
          .where('id', '=', row.id)
          .execute();
      }
    }
    return { values, rows: changedRows };
  },
  async envelopes(db) {
    const rows = await db
      .selectFrom('integration_instances')
      .select('secrets_json')
      .where('secrets_json', '!=', '{}')
      .execute();
    return rows.flatMap((r) => Object.values(JSON.parse(r.secrets_json) as Record<string, string>));
  },
};

/** integrator_settings: the keys stored encrypted (the SMTP URL), each with its own binding. */
export const integratorSettings: EncryptedStore = {
  name: 'integrator_settings',
  async rewrap(tx, cipher) {
    const keys = Object.keys(ENCRYPTED_SETTINGS);
    const rows = await tx
      .selectFrom('integrator_settings')
      .select(['key', 'value'])
      .where('key', 'in', keys)
      .execute();
    let values = 0;
    for (const row of rows) {
      const binding = ENCRYPTED_SETTINGS[row.key];
      if (!binding || cipher.keyIdOf(row.value) === cipher.currentKeyId) continue;
      await tx
        .updateTable('integrator_settings')
        .set({ value: cipher.rewrap(row.value, binding), updated_at: new Date().toISOString() })
        .where('key', '=', row.key)
        .execute();
      values++;
    }
    return { values, rows: values };
  },
  async envelopes(db) {
    const rows = await db
      .selectFrom('integrator_settings')
      .select('value')
      .where('key', 'in', Object.keys(ENCRYPTED_SETTINGS))
      .execute();
    return rows.map((r) => r.value);
  },
};

export const ENCRYPTED_STORES: readonly EncryptedStore[] = [instanceSecrets, integratorSettings];
