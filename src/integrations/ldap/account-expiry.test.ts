import { describe, expect, it } from 'vitest';
import { expiredBetween, fileTimeOf, isExpired } from './account-expiry.js';

describe('AD accountExpires', () => {
  it('reads the DC clock (RootDSE currentTime) as a FILETIME', () => {
    // 1970-01-01 is 11,644,473,600 s after 1601-01-01.
    expect(fileTimeOf('19700101000000.0Z')).toBe('116444736000000000');
    expect(fileTimeOf('20261122092127.0Z')).toBe(
      String(BigInt(Date.UTC(2026, 10, 22, 9, 21, 27)) * 10_000n + 116444736000000000n),
    );
    expect(fileTimeOf('20261122092127Z')).toBe(fileTimeOf('20261122092127.0Z'));
    for (const bad of [undefined, '', 'yesterday', '2026-11-22T09:21:27Z', '20261122092127.0'])
      expect(fileTimeOf(bad)).toBeUndefined();
  });

  it('an account is expired at or after its accountExpires; 0, 2^63-1, garbage or an unknown clock never are', () => {
    const now = '134398164875520000';
    expect(isExpired('134398164875519999', now)).toBe(true);
    expect(isExpired(now, now)).toBe(true);
    expect(isExpired('134398164875520001', now)).toBe(false);
    expect(isExpired('0', now)).toBe(false);
    expect(isExpired('9223372036854775807', now)).toBe(false);
    for (const bad of [undefined, '', '-1', '12e3', ' 1', '99999999999999999999'])
      expect(isExpired(bad, now)).toBe(false);
    expect(isExpired('1', undefined)).toBe(false);
  });

  it('asks for the accounts whose expiry fell after the last read and up to now', () => {
    expect(expiredBetween('100', '200').toString()).toBe('(&(accountExpires>=101)(accountExpires<=200))');
  });
});
