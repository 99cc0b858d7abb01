import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCipher } from './cipher.js';
import { keyFilePath, loadKeyRing, newKey, ringFrom } from './keyring.js';

const b = { instanceId: 7, field: 'clientSecret' };

describe('cipher', () => {
  const cipher = createCipher(ringFrom([newKey()], 'test'));

  it('round-trips and never contains the plaintext', () => {
    const env = cipher.encrypt('s3cr3t-value-xyz', b);
    expect(env).not.toContain('s3cr3t');
    expect(env.startsWith(`tsec1.${cipher.currentKeyId}.`)).toBe(true);
    expect(cipher.decrypt(env, b)).toBe('s3cr3t-value-xyz');
    expect(cipher.encrypt('s3cr3t-value-xyz', b)).not.toBe(env); // fresh nonce and DEK
  });

  it('refuses a ciphertext moved to another row or field', () => {
    const env = cipher.encrypt('value', b);
    expect(() => cipher.decrypt(env, { instanceId: 8, field: 'clientSecret' })).toThrow(
      /cannot be decrypted/,
    );
    expect(() => cipher.decrypt(env, { instanceId: 7, field: 'password' })).toThrow(/cannot be decrypted/);
  });

  it('refuses a flipped bit in the payload or the wrapped key', () => {
    const env = cipher.encrypt('value', b);
    const [p, kid, wrapped, payload] = env.split('.') as [string, string, string, string];
    const flip = (s: string) => {
      const raw = Buffer.from(s, 'base64url');
      raw[14] = (raw[14] ?? 0) ^ 1;
      return raw.toString('base64url');
    };
    expect(() => cipher.decrypt([p, kid, wrapped, flip(payload)].join('.'), b)).toThrow(
      /authentication failed/,
    );
    expect(() => cipher.decrypt([p, kid, flip(wrapped), payload].join('.'), b)).toThrow(
      /authentication failed/,
    );
  });

  it('refuses under a wrong key and names the missing key id', () => {
    const env = cipher.encrypt('value', b);
    const other = createCipher(ringFrom([newKey()], 'other'));
    expect(() => other.decrypt(env, b)).toThrow(new RegExp(`master key ${cipher.currentKeyId}`));
  });

  it('rewraps under a new current key while previous keys stay readable', () => {
    const oldKey = newKey();
    const before = createCipher(ringFrom([oldKey], 'test'));
    const env = before.encrypt('value', b);
    const rotated = createCipher(ringFrom([newKey(), oldKey], 'test'));
    expect(rotated.decrypt(env, b)).toBe('value');
    const re = rotated.rewrap(env, b);
    expect(rotated.keyIdOf(re)).toBe(rotated.currentKeyId);
    const onlyNew = createCipher(ringFrom([rotated.ring.current.key], 'test'));
    expect(onlyNew.decrypt(re, b)).toBe('value');
  });
});

describe('key ring', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-keys-'));

  it('generates a 0600 key file once and reuses it', () => {
    const dir = tmp();
    const a = loadKeyRing({ masterKey: undefined, dataDir: dir, create: true });
    expect(fs.statSync(keyFilePath(dir)).mode & 0o777).toBe(0o600);
    const again = loadKeyRing({ masterKey: undefined, dataDir: dir, create: false });
    expect(again.current.id).toBe(a.current.id);
  });

  it('fails clearly when the key file is expected but missing or garbage', () => {
    const dir = tmp();
    expect(() => loadKeyRing({ masterKey: undefined, dataDir: dir, create: false })).toThrow(
      /key file .* is missing/,
    );
    fs.writeFileSync(keyFilePath(dir), 'not a key\n');
    expect(() => loadKeyRing({ masterKey: undefined, dataDir: dir, create: false })).toThrow(/32-byte key/);
  });

  it('takes keys from TRIBUTARY_MASTER_KEY, current first', () => {
    const k1 = newKey();
    const k2 = newKey();
    const ring = loadKeyRing({
      masterKey: `${k1.toString('hex')},${k2.toString('base64')}`,
      dataDir: tmp(),
      create: false,
    });
    expect(ring.byId.size).toBe(2);
    expect(ring.current.key.equals(k1)).toBe(true);
    expect(() => loadKeyRing({ masterKey: 'c2hvcnQ=', dataDir: tmp(), create: false })).toThrow(/32-byte/);
  });
});
