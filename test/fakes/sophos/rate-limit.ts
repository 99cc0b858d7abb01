// A token bucket per API client. §1.5: Sophos answers 429 with Retry-After (seconds); the reliability
// anchors (§4 #3) also ask for the HTTP-date form, which a client must parse too.

export interface RateLimitOptions {
  /** Sustained requests per second per client. */
  requestsPerSecond: number;
  /** Bucket size: requests allowed back-to-back before throttling starts. Default: requestsPerSecond. */
  burst?: number;
  /** Send Retry-After as delta-seconds (default) or as an IMF-fixdate (RFC 9110 §10.2.3). */
  retryAfterFormat?: 'seconds' | 'http-date';
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: RateLimitOptions) {
    if (!(options.requestsPerSecond > 0)) throw new Error('rateLimit.requestsPerSecond must be > 0');
  }

  get retryAfterFormat(): 'seconds' | 'http-date' {
    return this.options.retryAfterFormat ?? 'seconds';
  }

  take(client: string, now: number): RateDecision {
    const rate = this.options.requestsPerSecond;
    const burst = Math.max(1, this.options.burst ?? rate);
    const bucket = this.buckets.get(client) ?? { tokens: burst, updatedAt: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
    bucket.updatedAt = now;
    this.buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    // Whole seconds until one token is back; never 0, or a client honouring it would spin.
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate)) };
  }
}

/** The Retry-After header value in the configured form. */
export function retryAfterValue(seconds: number, format: 'seconds' | 'http-date', now: number): string {
  // An HTTP date has whole-second precision: round up so a client waiting until it never comes back early.
  const until = Math.ceil((now + seconds * 1000) / 1000) * 1000;
  return format === 'http-date' ? new Date(until).toUTCString() : String(seconds);
}
