// When an account stops working by the calendar rather than by a flag:
// - Active Directory's accountExpires: a FILETIME (100-nanosecond intervals since 1601-01-01 UTC), 0 and 2^63-1
//   meaning never. Past it the DC refuses the account's sign-in (bind error data 701, ERROR_ACCOUNT_EXPIRED)
//   though userAccountControl still says enabled.
// - OpenLDAP's password policy pwdEndTime (a generalized time): past it slapd refuses the bind. Its pwdStartTime
//   is the other end of the window: before it slapd refuses the bind too (an account made ahead of a start date).
// Outside its window the account is a leaver, like a disabled or locked one.
//
// Expiry (and a start) comes with time, not with a change: no attribute moves (uSNChanged and modifyTimestamp
// stay), so a changes-only read would never see it. When a moment falls due, a read also asks for the accounts
// with a moment from the previous read on (changingFrom; sync/people.ts says when). "Now" is the DC's own clock for AD (its RootDSE
// currentTime); OpenLDAP publishes no clock, so ours stands in (a skew between the two moves the moment by as
// much, and loses nothing, since the windows follow one another on the same clock).
import { and, ge, le, or, type Filter } from './filter.js';
import { generalizedTimeMs, generalizedTimeOf } from './incremental/cursor.js';
import type { Vendor } from './vendor.js';

/** An attribute holding a moment that changes an account's state: an expiry, or (OpenLDAP) a start. */
export interface ExpiryRule {
  /** The attribute holding the moment. */
  attribute: string;
  /** The attribute's value as epoch milliseconds; undefined for never, absent or unreadable. */
  toMs(value: string | undefined): number | undefined;
  /** Epoch milliseconds as the attribute's value, for filters. */
  fromMs(ms: number): string;
  /** The latest value that is a moment, where "never" is a value too (AD: 2^63-1); for filters. */
  latest?: string;
}

/** 100-ns intervals from 1601-01-01 to 1970-01-01. */
const UNIX_EPOCH_AS_FILETIME = 116_444_736_000_000_000n;
const NEVER = 9_223_372_036_854_775_807n;

const AD_EXPIRY: ExpiryRule = {
  attribute: 'accountExpires',
  toMs(value) {
    if (!value || !/^\d{1,19}$/.test(value)) return undefined;
    const at = BigInt(value);
    if (at === 0n || at >= NEVER) return undefined;
    return Number((at - UNIX_EPOCH_AS_FILETIME) / 10_000n);
  },
  fromMs: (ms) => String(BigInt(Math.floor(ms)) * 10_000n + UNIX_EPOCH_AS_FILETIME),
  latest: String(NEVER - 1n),
};

const OPENLDAP_END: ExpiryRule = {
  attribute: 'pwdEndTime',
  toMs: generalizedTimeMs,
  fromMs: generalizedTimeOf,
};

const OPENLDAP_START: ExpiryRule = {
  attribute: 'pwdStartTime',
  toMs: generalizedTimeMs,
  fromMs: generalizedTimeOf,
};

/** The vendor's expiry attribute, if it has one. */
export const expiryRuleOf = (vendor: Vendor): ExpiryRule | undefined =>
  vendor === 'ad' ? AD_EXPIRY : vendor === 'openldap' ? OPENLDAP_END : undefined;

/** When an account works: from `start` (where the vendor has one) until `end`. */
export interface AccountWindow {
  end: ExpiryRule;
  start: ExpiryRule | undefined;
}

const AD_WINDOW: AccountWindow = { end: AD_EXPIRY, start: undefined };
const OPENLDAP_WINDOW: AccountWindow = { end: OPENLDAP_END, start: OPENLDAP_START };

/** The vendor's window attributes, if it has any. */
export const windowOf = (vendor: Vendor): AccountWindow | undefined =>
  vendor === 'ad' ? AD_WINDOW : vendor === 'openldap' ? OPENLDAP_WINDOW : undefined;

/** The attributes of the window, to read with every person. */
export const windowAttributes = (w: AccountWindow): string[] =>
  w.start ? [w.end.attribute, w.start.attribute] : [w.end.attribute];

/** Whether the account's start value lies after `nowMs`: not valid yet. Absent, garbage or no clock: no. */
export function notYetValid(rule: ExpiryRule, value: string | undefined, nowMs: number | undefined): boolean {
  if (nowMs === undefined) return false;
  const at = rule.toMs(value);
  return at !== undefined && at > nowMs;
}

/** Whether the account is outside its window at `nowMs`: expired, or not valid yet. */
export function outsideWindow(
  w: AccountWindow,
  valueOf: (attribute: string) => string | undefined,
  nowMs: number | undefined,
): boolean {
  return (
    isExpired(w.end, valueOf(w.end.attribute), nowMs) ||
    (w.start !== undefined && notYetValid(w.start, valueOf(w.start.attribute), nowMs))
  );
}

/** Whether the account's expiry value lies at or before `nowMs`. Never, absent, garbage or no clock: no. */
export function isExpired(rule: ExpiryRule, value: string | undefined, nowMs: number | undefined): boolean {
  if (nowMs === undefined) return false;
  const at = rule.toMs(value);
  return at !== undefined && at <= nowMs;
}

/**
 * Every account with an expiry at or after `fromMs` (never-expiring ones excluded): those that expired since the
 * last read, and those still to expire.
 */
export const expiringFrom = (rule: ExpiryRule, fromMs: number): Filter =>
  and(ge(rule.attribute, rule.fromMs(fromMs)), rule.latest ? le(rule.attribute, rule.latest) : undefined);

/** Every account with a window moment at or after `fromMs`: an expiry (as expiringFrom), or a start. */
export const changingFrom = (w: AccountWindow, fromMs: number): Filter =>
  w.start
    ? or(expiringFrom(w.end, fromMs), ge(w.start.attribute, w.start.fromMs(fromMs)))
    : expiringFrom(w.end, fromMs);

/**
 * The earliest expiry still to come, after an account whose expiry value is `value` was read at `nowMs`.
 * `current`: the earliest so far, null when none is known, undefined when it is not known (it stays unknown).
 */
export function earlier(
  current: number | null | undefined,
  rule: ExpiryRule,
  value: string | undefined,
  nowMs: number,
): number | null | undefined {
  const at = rule.toMs(value);
  if (current === undefined || at === undefined || at <= nowMs) return current;
  return current === null ? at : Math.min(current, at);
}

/** As `earlier`, over every moment of the window: the next expiry or start still to come. */
export function earlierInWindow(
  current: number | null | undefined,
  w: AccountWindow,
  valueOf: (attribute: string) => string | undefined,
  nowMs: number,
): number | null | undefined {
  const next = earlier(current, w.end, valueOf(w.end.attribute), nowMs);
  return w.start ? earlier(next, w.start, valueOf(w.start.attribute), nowMs) : next;
}
