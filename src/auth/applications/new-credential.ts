// Generates an application's secret (or API key) and the hash stored in its place.
import type { ApplicationAuthMethod } from '../../db/schema/auth.js';
import { hashSecret, SECRET_PARAMS } from '../password-hash.js';
import { randomSecret, sha256Hex } from '../secrets.js';

export interface NewCredential {
  plaintext: string;
  columns: { client_secret_hash: string | null; api_key_hash: string | null };
}

export async function newCredential(method: ApplicationAuthMethod): Promise<NewCredential> {
  const plaintext = randomSecret(32);
  if (method === 'api_key') {
    // API keys arrive on every request and are looked up by hash, so they are hashed like bearer tokens.
    return { plaintext, columns: { client_secret_hash: null, api_key_hash: sha256Hex(plaintext) } };
  }
  return {
    plaintext,
    columns: { client_secret_hash: await hashSecret(plaintext, SECRET_PARAMS), api_key_hash: null },
  };
}
