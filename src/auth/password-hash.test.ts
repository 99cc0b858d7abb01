import { describe, expect, it } from 'vitest';
import { hashSecret, SECRET_PARAMS, verifySecret } from './password-hash.js';
import { FailureLimiter } from './failure-limiter.js';

describe('scrypt hashes', () => {
  it('verify the right value only, with a fresh salt each time and the parameters stored', async () => {
    const a = await hashSecret('correct horse battery staple');
    const b = await hashSecret('correct horse battery staple');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$5\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifySecret('correct horse battery staple', a)).toBe(true);
    expect(await verifySecret('correct horse battery stapl', a)).toBe(false);
    expect(await verifySecret('', a)).toBe(false);
  });

  it('keep verifying hashes made with other parameters', async () => {
    const h = await hashSecret('s3cret-s3cret', SECRET_PARAMS);
    expect(h.startsWith('scrypt$4096$8$1$')).toBe(true);
    expect(await verifySecret('s3cret-s3cret', h)).toBe(true);
  });

  it('never verify a malformed or tampered hash', async () => {
    const h = await hashSecret('value-value-value');
    const parts = h.split('$');
    expect(await verifySecret('value-value-value', 'plain')).toBe(false);
    expect(
      await verifySecret(
        'value-value-value',
        [...parts.slice(0, 5), Buffer.alloc(32).toString('base64')].join('$'),
      ),
    ).toBe(false);
    expect(
      await verifySecret('value-value-value', ['scrypt', 2 ** 30, 8, 1, parts[4], parts[5]].join('$')),
    ).toBe(false);
  });
});

describe('FailureLimiter', () => {
  it('locks a key after max failures until the window ends, independently per key', () => {
    let now = 0;
    const l = new FailureLimiter({ max: 3, windowMs: 60_000 }, 100, () => now);
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfterSeconds('a')).toBe(0);
      l.recordFailure('a');
    }
    expect(l.retryAfterSeconds('a')).toBe(60);
    expect(l.retryAfterSeconds('b')).toBe(0);
    now = 30_000;
    expect(l.retryAfterSeconds('a')).toBe(30);
    now = 60_000;
    expect(l.retryAfterSeconds('a')).toBe(0);
  });

  it('stays bounded in memory', () => {
    const l = new FailureLimiter({ max: 1, windowMs: 60_000 }, 10);
    for (let i = 0; i < 100; i++) l.recordFailure(`k${i}`);
    expect(l.retryAfterSeconds('k99')).toBeGreaterThan(0);
    expect(l.retryAfterSeconds('k0')).toBe(0);
  });
});
