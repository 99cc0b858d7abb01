// Brute-force limits for the credential endpoints. Three counters of failures in 15-minute windows:
//  - per subject (client id or login) AND IP: 10. The one a guesser hits first; keyed by IP too so that someone
//    elsewhere who merely knows a client id (not secret) cannot lock the real client out.
//  - per IP: 50, across subjects, so one address cannot walk through many client ids or logins.
//  - per subject from anywhere: 100, the bound on a guesser spread over many addresses.
// While any counter is over its limit the endpoint answers 429 with Retry-After, even for right credentials.
// Counters are in memory per process (see FailureLimiter). Behind a reverse proxy every client shares the
// proxy's address unless Fastify is told to trust it.
import { FailureLimiter } from '../../auth/failure-limiter.js';

export interface AuthLimits {
  perSubjectAndIp: number;
  perIp: number;
  perSubject: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = { perSubjectAndIp: 10, perIp: 50, perSubject: 100 };
const WINDOW_MS = 15 * 60 * 1000;

export class CredentialLimiter {
  private readonly subjectIp: FailureLimiter;
  private readonly ips: FailureLimiter;
  private readonly subjects: FailureLimiter;
  constructor(limits: AuthLimits = DEFAULT_AUTH_LIMITS) {
    this.subjectIp = new FailureLimiter({ max: limits.perSubjectAndIp, windowMs: WINDOW_MS });
    this.ips = new FailureLimiter({ max: limits.perIp, windowMs: WINDOW_MS });
    this.subjects = new FailureLimiter({ max: limits.perSubject, windowMs: WINDOW_MS });
  }
  /** Seconds to wait before trying again, or 0 when the attempt may go ahead. */
  retryAfter(subject: string, ip: string): number {
    return Math.max(
      this.subjectIp.retryAfterSeconds(`${subject}|${ip}`),
      this.ips.retryAfterSeconds(ip),
      this.subjects.retryAfterSeconds(subject),
    );
  }
  failed(subject: string, ip: string): void {
    this.subjectIp.recordFailure(`${subject}|${ip}`);
    this.ips.recordFailure(ip);
    this.subjects.recordFailure(subject);
  }
  /** A success clears the subject's counters from that address; the IP and global counters run their window out. */
  succeeded(subject: string, ip: string): void {
    this.subjectIp.reset(`${subject}|${ip}`);
  }
}
