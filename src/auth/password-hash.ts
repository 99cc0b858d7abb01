// scrypt hashing for agent passwords and application client secrets (node:crypto, no native add-on).
// Format: scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>: the parameters travel with the hash, so raising the cost
// later keeps old hashes verifiable.
//
// Why scrypt for client secrets too (rather than HMAC-SHA-256 with a pepper): a pepper is a key that every
// `serve` process and every CLI on every machine of a scale-out deployment must share and nobody may lose,
// or every application breaks. scrypt needs no key. Its cost is paid once per token request (clients fetch a
// token about once an hour) and failed attempts are rate-limited, so it is not a load or DoS concern.
// Secrets are 256-bit random, so a cheaper cost than for human passwords is enough.
import crypto from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt equivalent "N=2^14, r=8, p=5" (16 MiB): for passwords people choose. */
export const PASSWORD_PARAMS: ScryptParams = { N: 2 ** 14, r: 8, p: 5 };
/**
 * For 256-bit random machine secrets, where the work factor is not what protects them (2^256 guesses are out of
 * reach at any cost); kept small so a token request stays cheap (~30 ms on a 2-core box vs ~480 ms above).
 */
export const SECRET_PARAMS: ScryptParams = { N: 2 ** 12, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_BYTES = 16;

function scryptAsync(value: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(
      value.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function hashSecret(value: string, params: ScryptParams = PASSWORD_PARAMS): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await scryptAsync(value, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Constant-time check of `value` against a stored hash. A malformed stored hash never verifies. */
export async function verifySecret(value: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16)
    return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await scryptAsync(value, salt, { N, r, p });
  return crypto.timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real verification, so an unknown login is not told apart by timing. */
export async function verifyAgainstDummy(value: string): Promise<false> {
  dummy ??= hashSecret('tributary-dummy-password', PASSWORD_PARAMS);
  await verifySecret(value, await dummy);
  return false;
}
