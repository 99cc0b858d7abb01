// AES-256-GCM envelope encryption for secrets at rest. Each value gets a fresh data key (DEK) and a random
// 96-bit nonce; the DEK is wrapped by the current master key. The envelope names the master key's id, and
// the associated data binds it to its row and field, so a ciphertext copied to another row or field fails
// to decrypt. Format: tsec1.<keyId>.<wrapped DEK>.<payload>, both parts base64url(nonce | ciphertext | tag).
import crypto from 'node:crypto';
import { AppError } from '../core/errors.js';
import type { KeyRing, MasterKey } from './keyring.js';

const PREFIX = 'tsec1';

/** What a secret belongs to; becomes the GCM associated data. */
export interface SecretBinding {
  instanceId: number;
  field: string;
}

export interface Cipher {
  readonly currentKeyId: string;
  encrypt(plaintext: string, binding: SecretBinding): string;
  /** Throws SECRET_UNREADABLE when the key is unknown, the envelope is damaged or bound to another row. */
  decrypt(envelope: string, binding: SecretBinding): string;
  keyIdOf(envelope: string): string;
  /** Re-wraps the data key under the current master key (the payload is unchanged). */
  rewrap(envelope: string, binding: SecretBinding): string;
  readonly ring: KeyRing;
}

const aad = (b: SecretBinding, keyId: string): Buffer =>
  Buffer.from(`tributary|${PREFIX}|instance:${b.instanceId}|field:${b.field}|key:${keyId}`);
const payloadAad = (b: SecretBinding): Buffer =>
  Buffer.from(`tributary|${PREFIX}|instance:${b.instanceId}|field:${b.field}`);

function seal(key: Buffer, plaintext: Buffer, ad: Buffer): string {
  const nonce = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(ad);
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return Buffer.concat([nonce, ct, c.getAuthTag()]).toString('base64url');
}

function open(key: Buffer, sealed: string, ad: Buffer): Buffer {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 12 + 16) throw new Error('envelope too short');
  const d = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  d.setAAD(ad);
  d.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]);
}

const unreadable = (b: SecretBinding, why: string, cause?: unknown) =>
  new AppError(
    'SECRET_UNREADABLE',
    'config',
    `The stored secret "${b.field}" of instance ${b.instanceId} cannot be decrypted: ${why}`,
    { cause },
  );

function parts(envelope: string): [string, string, string] {
  const p = envelope.split('.');
  if (p.length !== 4 || p[0] !== PREFIX || !p[1] || !p[2] || !p[3])
    throw new Error('not a tributary secret envelope');
  return [p[1], p[2], p[3]];
}

export function createCipher(ring: KeyRing): Cipher {
  const keyFor = (id: string, b: SecretBinding): MasterKey => {
    const k = ring.byId.get(id);
    if (!k)
      throw unreadable(b, `it was encrypted with master key ${id}, which is not loaded (${ring.source})`);
    return k;
  };
  const unwrapDek = (envelope: string, b: SecretBinding): { dek: Buffer; payload: string } => {
    let p: [string, string, string];
    try {
      p = parts(envelope);
    } catch (e) {
      throw unreadable(b, 'malformed envelope', e);
    }
    const [keyId, wrapped, payload] = p;
    const kek = keyFor(keyId, b);
    try {
      return { dek: open(kek.key, wrapped, aad(b, keyId)), payload };
    } catch (e) {
      throw unreadable(b, 'authentication failed (tampered, or copied from another record)', e);
    }
  };
  return {
    ring,
    currentKeyId: ring.current.id,
    encrypt(plaintext, b) {
      const dek = crypto.randomBytes(32);
      const payload = seal(dek, Buffer.from(plaintext, 'utf8'), payloadAad(b));
      const wrapped = seal(ring.current.key, dek, aad(b, ring.current.id));
      return [PREFIX, ring.current.id, wrapped, payload].join('.');
    },
    decrypt(envelope, b) {
      const { dek, payload } = unwrapDek(envelope, b);
      try {
        return open(dek, payload, payloadAad(b)).toString('utf8');
      } catch (e) {
        throw unreadable(b, 'authentication failed (tampered, or copied from another record)', e);
      }
    },
    keyIdOf(envelope) {
      return parts(envelope)[0];
    },
    rewrap(envelope, b) {
      const { dek, payload } = unwrapDek(envelope, b);
      const wrapped = seal(ring.current.key, dek, aad(b, ring.current.id));
      return [PREFIX, ring.current.id, wrapped, payload].join('.');
    },
  };
}
