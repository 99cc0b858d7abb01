// Builds the process's cipher at boot and refuses to start when stored secrets cannot be read: a missing
// or unreadable key file, or stored envelopes under a key that is not loaded. There is no plaintext fallback.
import { ENCRYPTED_STORES } from './encrypted-stores.js';
import { AppError } from '../core/errors.js';
import type { Db } from '../db/transaction.js';
import { createCipher, type Cipher } from './cipher.js';
import { loadKeyRing } from './keyring.js';

export interface CipherConfig {
  masterKey: string | undefined;
  dataDir: string;
}

/** The master-key ids referenced by stored secrets (empty when the table does not exist yet). */
export async function storedKeyIds(db: Db): Promise<Set<string>> {
  const ids = new Set<string>();
  // Every encrypted store (instance secrets, the stored SMTP URL, …): see encrypted-stores.ts.
  for (const store of ENCRYPTED_STORES) {
    let envelopes: string[];
    try {
      envelopes = await store.envelopes(db);
    } catch {
      continue; // not migrated yet: nothing stored
    }
    for (const env of envelopes) {
      const keyId = env.split('.')[1];
      if (keyId) ids.add(keyId);
    }
  }
  return ids;
}

export async function bootCipher(config: CipherConfig, db: Db): Promise<Cipher> {
  const stored = await storedKeyIds(db);
  const ring = loadKeyRing({
    masterKey: config.masterKey,
    dataDir: config.dataDir,
    create: stored.size === 0,
  });
  const missing = [...stored].filter((id) => !ring.byId.has(id));
  if (missing.length > 0) {
    throw new AppError(
      'MASTER_KEY_MISMATCH',
      'config',
      `Stored secrets were encrypted with master key(s) ${missing.join(', ')}, which ${ring.source === 'env' ? 'TRIBUTARY_MASTER_KEY' : ring.source} does not hold; restore the right key (see docs: keys rotate)`,
    );
  }
  return createCipher(ring);
}
