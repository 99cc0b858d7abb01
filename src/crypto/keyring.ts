// The master keys (KEKs) that wrap every secret's data key. The current key encrypts; previous keys stay
// readable so a rotation can re-wrap old envelopes. Keys come from TRIBUTARY_MASTER_KEY (a comma-separated
// list, current first) or from a key file in the data directory, generated with mode 0600 on first start.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors.js';

export interface MasterKey {
  /** Fingerprint of the key (not secret): stored with every envelope so decrypt picks the right key. */
  id: string;
  key: Buffer;
}

export interface KeyRing {
  current: MasterKey;
  /** Every readable key by id, the current one included. */
  byId: ReadonlyMap<string, MasterKey>;
  /** Where the keys came from, for messages: "env" or the key file's path. */
  source: string;
}

export const KEY_FILE_NAME = 'master.key';

/** A stable, non-secret id for a key: 12 hex chars of HMAC(key, label). */
export function keyIdOf(key: Buffer): string {
  return crypto.createHmac('sha256', key).update('tributary master key id').digest('hex').slice(0, 12);
}

/** Parses a 32-byte key written as 64 hex chars or base64/base64url. */
export function parseKey(text: string, where: string): Buffer {
  const t = text.trim();
  const buf = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (buf.length !== 32) {
    throw new AppError(
      'MASTER_KEY_INVALID',
      'config',
      `${where} must be a 32-byte key (64 hex characters or base64)`,
    );
  }
  return buf;
}

export const newKey = (): Buffer => crypto.randomBytes(32);

export function ringFrom(keys: Buffer[], source: string): KeyRing {
  const [first] = keys;
  if (!first) throw new AppError('MASTER_KEY_MISSING', 'config', 'No master key configured');
  const byId = new Map<string, MasterKey>();
  for (const key of keys) byId.set(keyIdOf(key), { id: keyIdOf(key), key });
  return { current: { id: keyIdOf(first), key: first }, byId, source };
}

export interface LoadKeyRingOptions {
  masterKey: string | undefined;
  dataDir: string;
  /** Create the key file when absent (only when no encrypted secrets exist yet). */
  create: boolean;
}

/** Loads the key ring; never falls back to plaintext. Throws a config AppError naming what is wrong. */
export function loadKeyRing(options: LoadKeyRingOptions): KeyRing {
  if (options.masterKey) {
    const keys = options.masterKey.split(',').map((k, i) => parseKey(k, `TRIBUTARY_MASTER_KEY[${i}]`));
    return ringFrom(keys, 'env');
  }
  const file = keyFilePath(options.dataDir);
  if (!fs.existsSync(file)) {
    if (!options.create) {
      throw new AppError(
        'MASTER_KEY_MISSING',
        'config',
        `Encrypted secrets exist but the key file ${file} is missing; restore it or set TRIBUTARY_MASTER_KEY`,
      );
    }
    writeKeyFile(file, [newKey()]);
  }
  return ringFrom(readKeyFile(file), file);
}

export const keyFilePath = (dataDir: string): string => path.join(dataDir, KEY_FILE_NAME);

/** The key file holds one base64 key per line, the current key first. */
export function readKeyFile(file: string): Buffer[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppError(
      'MASTER_KEY_UNREADABLE',
      'config',
      `The key file ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause: e },
    );
  }
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (lines.length === 0)
    throw new AppError('MASTER_KEY_INVALID', 'config', `The key file ${file} holds no key`);
  return lines.map((l, i) => parseKey(l, `${file} line ${i + 1}`));
}

/** Writes the key file atomically with mode 0600 (rename over the old one). */
export function writeKeyFile(file: string, keys: Buffer[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const body = `# Tributary master keys: current first. Losing this file loses every stored secret.\n${keys.map((k) => k.toString('base64')).join('\n')}\n`;
  fs.writeFileSync(tmp, body, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}
