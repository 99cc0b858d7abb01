// `tributary keys rotate`: re-wrap every stored secret (every store in encrypted-stores.ts) under the
// current master key.
//
// Procedure (documented in README "Rotating the master key"):
//  - Key file (default): `keys rotate` writes a new key first in the file, keeping the old keys below it,
//    re-wraps every secret in one transaction, then drops the old keys from the file. A crash in between
//    leaves both keys in the file, so everything stays readable and rerunning the command completes it.
//  - TRIBUTARY_MASTER_KEY: set it to "<new>,<old>" (new first), run `keys rotate`, then set it to "<new>".
import type { Db } from '../db/transaction.js';
import { transact } from '../db/transaction.js';
import { createCipher, type Cipher } from './cipher.js';
import { ENCRYPTED_STORES, instanceSecrets } from './encrypted-stores.js';
import { keyFilePath, newKey, parseKey, readKeyFile, ringFrom, writeKeyFile } from './keyring.js';

export interface RotateResult {
  keyId: string;
  /** Envelopes re-wrapped, over every encrypted store. */
  rewrapped: number;
  /** Instances whose secrets were re-wrapped. */
  instances: number;
  /** Per store (see encrypted-stores.ts), the envelopes re-wrapped. */
  stores: Record<string, number>;
  /** Key ids no longer needed (dropped from the key file, or to drop from the environment). */
  retiredKeyIds: string[];
}

/** Re-wraps every envelope of every encrypted store not under `cipher`'s current key, in one transaction. */
export async function rewrapAll(
  db: Db,
  cipher: Cipher,
): Promise<{ rewrapped: number; instances: number; stores: Record<string, number> }> {
  return transact(db, async (tx) => {
    let rewrapped = 0;
    let instances = 0;
    const stores: Record<string, number> = {};
    for (const store of ENCRYPTED_STORES) {
      const r = await store.rewrap(tx, cipher);
      stores[store.name] = r.values;
      rewrapped += r.values;
      if (store === instanceSecrets) instances = r.rows;
    }
    return { rewrapped, instances, stores };
  });
}

export interface RotateOptions {
  masterKey: string | undefined;
  dataDir: string;
}

export async function rotateMasterKey(db: Db, options: RotateOptions): Promise<RotateResult> {
  if (options.masterKey) {
    // Environment mode: the operator put the new key first; we only re-wrap.
    const ring = ringFrom(
      options.masterKey.split(',').map((k, i) => parseKey(k, `TRIBUTARY_MASTER_KEY[${i}]`)),
      'env',
    );
    const cipher = createCipher(ring);
    const r = await rewrapAll(db, cipher);
    return {
      keyId: ring.current.id,
      ...r,
      retiredKeyIds: [...ring.byId.keys()].filter((id) => id !== ring.current.id),
    };
  }
  const file = keyFilePath(options.dataDir);
  const old = readKeyFile(file);
  const withNew = [newKey(), ...old];
  writeKeyFile(file, withNew);
  const ring = ringFrom(withNew, file);
  const r = await rewrapAll(db, createCipher(ring));
  writeKeyFile(file, [ring.current.key]);
  return {
    keyId: ring.current.id,
    ...r,
    retiredKeyIds: [...ring.byId.keys()].filter((id) => id !== ring.current.id),
  };
}
