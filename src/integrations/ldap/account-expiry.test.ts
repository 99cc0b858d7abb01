import { describe, expect, it } from 'vitest';
import {
  changingFrom,
  earlier,
  earlierInWindow,
  expiringFrom,
  expiryRuleOf,
  isExpired,
  outsideWindow,
  windowAttributes,
  windowOf,
} from './account-expiry.js';
import { generalizedTimeMs } from './incremental/cursor.js';

const AD = expiryRuleOf('ad')!;
const OPENLDAP = expiryRuleOf('openldap')!;
const NOW = Date.UTC(2026, 10, 22, 9, 21, 27);
/** NOW as AD writes it: 100-ns intervals since 1601. */
const NOW_FILETIME = String(BigInt(NOW) * 10_000n + 116_444_736_000_000_000n);

describe('account expiry', () => {
  it('reads generalized times (the RootDSE currentTime, pwdEndTime)', () => {
    expect(generalizedTimeMs('20261122092127.0Z')).toBe(NOW);
    expect(generalizedTimeMs('20261122092127Z')).toBe(NOW);
    for (const bad of [undefined, '', 'yesterday', '2026-11-22T09:21:27Z', '20261122092127.0'])
      expect(generalizedTimeMs(bad)).toBeUndefined();
  });

  it('AD accountExpires: expired at or after its moment; 0, 2^63-1, garbage or an unknown clock never are', () => {
    expect(AD.attribute).toBe('accountExpires');
    expect(AD.toMs(NOW_FILETIME)).toBe(NOW);
    expect(AD.fromMs(NOW)).toBe(NOW_FILETIME);
    expect(isExpired(AD, NOW_FILETIME, NOW)).toBe(true);
    expect(isExpired(AD, String(BigInt(NOW_FILETIME) - 10_000n), NOW)).toBe(true);
    expect(isExpired(AD, String(BigInt(NOW_FILETIME) + 10_000n), NOW)).toBe(false);
    expect(isExpired(AD, '1', NOW)).toBe(true); // the 17th century
    for (const never of ['0', '9223372036854775807']) expect(isExpired(AD, never, NOW)).toBe(false);
    for (const bad of [undefined, '', '-1', '12e3', ' 1', '99999999999999999999'])
      expect(isExpired(AD, bad, NOW)).toBe(false);
    expect(isExpired(AD, '1', undefined)).toBe(false);
  });

  it('OpenLDAP pwdEndTime: expired at or after its moment', () => {
    expect(OPENLDAP.attribute).toBe('pwdEndTime');
    expect(OPENLDAP.fromMs(NOW)).toBe('20261122092127Z');
    expect(isExpired(OPENLDAP, '20261122092127Z', NOW)).toBe(true);
    expect(isExpired(OPENLDAP, '20261122092128Z', NOW)).toBe(false);
    expect(isExpired(OPENLDAP, 'tomorrow', NOW)).toBe(false);
    expect(expiryRuleOf('other')).toBeUndefined();
  });

  it('asks for every account with an expiry from the last read on (never-expiring AD accounts left out)', () => {
    expect(expiringFrom(AD, 0).toString()).toBe(
      '(&(accountExpires>=116444736000000000)(accountExpires<=9223372036854775806))',
    );
    expect(expiringFrom(OPENLDAP, NOW).toString()).toBe('(pwdEndTime>=20261122092127Z)');
  });

  it('keeps the earliest expiry still to come; an unknown one stays unknown', () => {
    const later = OPENLDAP.fromMs(NOW + 60_000);
    const sooner = OPENLDAP.fromMs(NOW + 1_000);
    expect(earlier(null, OPENLDAP, later, NOW)).toBe(NOW + 60_000);
    expect(earlier(NOW + 60_000, OPENLDAP, sooner, NOW)).toBe(NOW + 1_000);
    expect(earlier(NOW + 1_000, OPENLDAP, later, NOW)).toBe(NOW + 1_000);
    expect(earlier(null, OPENLDAP, OPENLDAP.fromMs(NOW - 1_000), NOW)).toBeNull(); // already past
    expect(earlier(null, AD, '9223372036854775807', NOW)).toBeNull(); // never
    expect(earlier(undefined, OPENLDAP, sooner, NOW)).toBeUndefined();
  });

  it('OpenLDAP pwdStartTime: outside the window before its moment, inside from it; AD has no start', () => {
    const window = windowOf('openldap')!;
    expect(windowAttributes(window)).toEqual(['pwdEndTime', 'pwdStartTime']);
    expect(windowAttributes(windowOf('ad')!)).toEqual(['accountExpires']);
    expect(windowOf('other')).toBeUndefined();
    const entry = (values: Record<string, string>) => (a: string) => values[a];
    expect(outsideWindow(window, entry({ pwdStartTime: '20261122092128Z' }), NOW)).toBe(true);
    expect(outsideWindow(window, entry({ pwdStartTime: '20261122092127Z' }), NOW)).toBe(false);
    expect(outsideWindow(window, entry({ pwdStartTime: 'soon' }), NOW)).toBe(false);
    expect(outsideWindow(window, entry({ pwdStartTime: '20261122092128Z' }), undefined)).toBe(false);
    // Both set: a start after the end never opens the window (slapd's own reading of it).
    const shut = entry({ pwdStartTime: '20261122092200Z', pwdEndTime: '20261122092100Z' });
    for (const at of [NOW, NOW + 60_000, NOW - 60_000]) expect(outsideWindow(window, shut, at)).toBe(true);
  });

  it('asks for every account with a start or an expiry from the last read on; the next moment is either', () => {
    const window = windowOf('openldap')!;
    expect(changingFrom(window, NOW).toString()).toBe(
      '(|(pwdEndTime>=20261122092127Z)(pwdStartTime>=20261122092127Z))',
    );
    expect(changingFrom(windowOf('ad')!, 0).toString()).toBe(expiringFrom(AD, 0).toString());
    const at = (s: number) => OPENLDAP.fromMs(NOW + s * 1000);
    const person = (end: string | undefined, start: string | undefined) => (a: string) =>
      a === 'pwdEndTime' ? end : a === 'pwdStartTime' ? start : undefined;
    expect(earlierInWindow(null, window, person(at(60), at(30)), NOW)).toBe(NOW + 30_000);
    expect(earlierInWindow(null, window, person(at(30), at(60)), NOW)).toBe(NOW + 30_000);
    expect(earlierInWindow(NOW + 10_000, window, person(at(30), at(60)), NOW)).toBe(NOW + 10_000);
    expect(earlierInWindow(null, window, person(undefined, at(-5)), NOW)).toBeNull(); // started already
    expect(earlierInWindow(undefined, window, person(at(30), at(60)), NOW)).toBeUndefined();
  });
});
