// Brute-force limits for the credential endpoints (per client id / login, and per IP address).
import { FailureLimiter } from '../../auth/failure-limiter.js';

export interface AuthLimits {
  /** Failed secrets per client id (or failed passwords per login) in 15 minutes before a lockout. */
  perSubject: number;
  /** Failures from one IP address in 15 minutes before a lockout. */
  perIp: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = { perSubject: 10, perIp: 50 };
const WINDOW_MS = 15 * 60 * 1000;

export class CredentialLimiter {
  private readonly subjects: FailureLimiter;
  private readonly ips: FailureLimiter;
  constructor(limits: AuthLimits = DEFAULT_AUTH_LIMITS) {
    this.subjects = new FailureLimiter({ max: limits.perSubject, windowMs: WINDOW_MS });
    this.ips = new FailureLimiter({ max: limits.perIp, windowMs: WINDOW_MS });
  }
  /** Seconds to wait before trying again, or 0 when the attempt may go ahead. */
  retryAfter(subject: string, ip: string): number {
    return Math.max(this.subjects.retryAfterSeconds(subject), this.ips.retryAfterSeconds(ip));
  }
  failed(subject: string, ip: string): void {
    this.subjects.recordFailure(subject);
    this.ips.recordFailure(ip);
  }
  succeeded(subject: string): void {
    this.subjects.reset(subject);
  }
}
