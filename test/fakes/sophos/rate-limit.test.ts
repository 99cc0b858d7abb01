import { describe, expect, it } from 'vitest';
import { RateLimiter, retryAfterValue } from './rate-limit.js';

describe('RateLimiter', () => {
  it('allows the burst, then throttles with a whole-second Retry-After, refilling over time', () => {
    const limiter = new RateLimiter({ requestsPerSecond: 2, burst: 3 });
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('a', t0).allowed)).toEqual([true, true, true]);
    expect(limiter.take('a', t0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b', t0).allowed).toBe(true); // per client
    expect(limiter.take('a', t0 + 499).allowed).toBe(false);
    expect(limiter.take('a', t0 + 500).allowed).toBe(true);
  });

  it('computes longer waits for slow rates', () => {
    const limiter = new RateLimiter({ requestsPerSecond: 0.25, burst: 1 });
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('a', 0)).toEqual({ allowed: false, retryAfterSeconds: 4 });
  });

  it('renders Retry-After as seconds or as an HTTP date rounded up to the next second', () => {
    expect(retryAfterValue(3, 'seconds', 0)).toBe('3');
    const now = Date.UTC(2026, 0, 15, 10, 0, 0, 700);
    expect(retryAfterValue(1, 'http-date', now)).toBe('Thu, 15 Jan 2026 10:00:02 GMT');
  });
});
