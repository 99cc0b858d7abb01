// What the fake saw: the benchmark and the connector's tests assert on these (request counts per route,
// peak concurrency, how many 429s were sent, which page was retried).

import { SOPHOS_ROUTE_NAMES, type SophosRouteName } from './types.js';

export interface FakeRequestLogEntry {
  /** Sequence number from 1. */
  seq: number;
  route: SophosRouteName;
  /** 'id', 'global', or the data region of the listener that received it. */
  host: string;
  method: string;
  /** Path and query as received. */
  url: string;
  page: number;
  tenantId: string | undefined;
  clientId: string | undefined;
  /** Status sent; 0 while in flight, or if the request was stalled or reset. */
  status: number;
  startedAt: number;
  durationMs: number;
}

const LOG_CAP = 20_000;

export class FakeSophosStats {
  total = 0;
  requests = emptyRouteCounts();
  byHost: Record<string, number> = {};
  byStatus: Record<number, number> = {};
  inFlight = 0;
  maxInFlight = 0;
  /** 429 responses sent (rate limiter and scripted 429s alike). */
  rateLimited = 0;
  faultsFired = 0;
  tokensIssued = 0;
  /** Most recent requests, oldest first (capped at 20 000). */
  log: FakeRequestLogEntry[] = [];

  begin(entry: Omit<FakeRequestLogEntry, 'seq' | 'status' | 'durationMs'>): FakeRequestLogEntry {
    this.total++;
    this.requests[entry.route]++;
    this.byHost[entry.host] = (this.byHost[entry.host] ?? 0) + 1;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const full: FakeRequestLogEntry = { ...entry, seq: this.total, status: 0, durationMs: 0 };
    this.log.push(full);
    if (this.log.length > LOG_CAP) this.log.splice(0, this.log.length - LOG_CAP);
    return full;
  }

  end(entry: FakeRequestLogEntry, status: number, now: number): void {
    this.inFlight--;
    entry.status = status;
    entry.durationMs = now - entry.startedAt;
    if (status === 0) return;
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
    if (status === 429) this.rateLimited++;
  }

  /** Zeroes the counters and the log; requests still in flight keep counting down inFlight. */
  reset(): void {
    this.total = 0;
    this.requests = emptyRouteCounts();
    this.byHost = {};
    this.byStatus = {};
    this.maxInFlight = this.inFlight;
    this.rateLimited = 0;
    this.faultsFired = 0;
    this.tokensIssued = 0;
    this.log = [];
  }
}

function emptyRouteCounts(): Record<SophosRouteName, number> {
  return Object.fromEntries(SOPHOS_ROUTE_NAMES.map((name) => [name, 0])) as Record<SophosRouteName, number>;
}
