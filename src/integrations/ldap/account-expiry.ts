// Active Directory's accountExpires: when an account stops working, as a FILETIME (100-nanosecond intervals
// since 1601-01-01 UTC), with 0 and 2^63-1 meaning never. Past that moment the DC refuses the account's
// sign-in (bind error data 701, ERROR_ACCOUNT_EXPIRED) though userAccountControl still says enabled, so an
// expired account is a leaver like a disabled one.
//
// Expiry comes with time, not with a change: no attribute moves and uSNChanged stays, so a changes-only read
// would never see it. Each read therefore also asks for the accounts whose expiry fell between the previous
// read and this one (expiredBetween). "Now" is the DC's own clock (its RootDSE currentTime), never ours.
import { and, ge, le, type Filter } from './filter.js';

/** 100-ns intervals from 1601-01-01 to 1970-01-01. */
const UNIX_EPOCH_AS_FILETIME = 116_444_736_000_000_000n;
const NEVER = 9_223_372_036_854_775_807n;

/** A generalized time (the RootDSE's currentTime, `20261122092127.0Z`) as FILETIME digits; undefined if unreadable. */
export function fileTimeOf(generalizedTime: string | undefined): string | undefined {
  const m = generalizedTime
    ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,]\d+)?Z$/.exec(generalizedTime)
    : null;
  if (!m) return undefined;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isFinite(ms) ? String(BigInt(ms) * 10_000n + UNIX_EPOCH_AS_FILETIME) : undefined;
}

/** Whether an accountExpires value lies at or before `now` (both FILETIME digits). Never, absent or garbage: no. */
export function isExpired(accountExpires: string | undefined, now: string | undefined): boolean {
  if (!now || !accountExpires || !/^\d{1,19}$/.test(accountExpires)) return false;
  const at = BigInt(accountExpires);
  return at !== 0n && at < NEVER && at <= BigInt(now);
}

/** The accounts whose expiry fell in (from, to]: `(&(accountExpires>=from+1)(accountExpires<=to))`. */
export const expiredBetween = (from: string, to: string): Filter =>
  and(ge('accountExpires', String(BigInt(from) + 1n)), le('accountExpires', to));
