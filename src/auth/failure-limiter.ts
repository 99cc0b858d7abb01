// Counts failed credential checks per key (client id, login, IP) in fixed windows and locks a key out once it
// reaches its limit (RFC 6749 §2.3.1: protect the token endpoint against brute force). In memory, per
// process: with N servers an attacker gets at most N times the budget, still far from guessing a 256-bit
// secret; password guessing is bounded the same way.
export interface FailureLimit {
  /** Failures allowed in a window before the key is locked until the window ends. */
  max: number;
  windowMs: number;
}

interface Entry {
  count: number;
  windowStart: number;
}

export class FailureLimiter {
  private readonly entries = new Map<string, Entry>();
  constructor(
    private readonly limit: FailureLimit,
    private readonly maxKeys = 50_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Seconds the caller must wait if `key` is locked out, else 0. */
  retryAfterSeconds(key: string): number {
    const e = this.current(key);
    if (!e || e.count < this.limit.max) return 0;
    return Math.max(1, Math.ceil((e.windowStart + this.limit.windowMs - this.clock()) / 1000));
  }

  recordFailure(key: string): void {
    const e = this.current(key);
    if (e) {
      e.count += 1;
      return;
    }
    if (this.entries.size >= this.maxKeys) this.evict();
    this.entries.set(key, { count: 1, windowStart: this.clock() });
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && e.windowStart + this.limit.windowMs <= this.clock()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private evict(): void {
    const now = this.clock();
    for (const [k, e] of this.entries) if (e.windowStart + this.limit.windowMs <= now) this.entries.delete(k);
    // Still full: drop the oldest windows (Map iterates in insertion order).
    for (const k of this.entries.keys()) {
      if (this.entries.size < this.maxKeys) break;
      this.entries.delete(k);
    }
  }
}
