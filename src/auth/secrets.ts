// Random credentials and the fast hash used for opaque tokens, API keys and session ids.
import crypto from 'node:crypto';

/** 256 random bits, base64url (43 characters): far above RFC 6749 §10.10's 2^-160 guessing bound. */
export function randomSecret(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** Client ids are not secret, only unguessable enough not to collide: a random UUID (Halo uses GUIDs too). */
export function randomClientId(): string {
  return crypto.randomUUID();
}

/**
 * SHA-256 hex of a high-entropy random value (bearer token, API key, session id). A fast unsalted hash is
 * right here: the inputs are 256-bit random, so there is nothing to brute-force, and the hash is the lookup
 * key on every request, so it must be cheap and deterministic.
 */
export function sha256Hex(value: string): string {
  return crypto.createHash('sha256').update(value, 'utf8').digest('hex');
}
