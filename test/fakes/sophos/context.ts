// What every route handler gets: the state, the token store, the live controls and the fake's own URLs.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PagingLimits } from './paging.js';
import type { RateLimitOptions } from './rate-limit.js';
import type { SophosState } from './state.js';
import type { TokenStore } from './tokens.js';
import type { SophosCredential } from './types.js';

/** Knobs a test may change while the fake runs; read on every request. */
export interface FakeSophosControls {
  /** Added to every request before it is handled. */
  latencyMs: number;
  /** Lifetime of newly issued tokens (tokens already issued keep theirs). Default 3600 (§1.1). */
  tokenTtlSeconds: number;
  /** Per-client token bucket on the API hosts; null = unlimited. Assigning a new object resets the buckets. */
  rateLimit: RateLimitOptions | null;
}

export interface FakeContext {
  state: SophosState;
  tokens: TokenStore;
  controls: FakeSophosControls;
  limits: PagingLimits;
  /** The global API base URL (what whoami reports as apiHosts.global). */
  apiUrl: string;
  /** The loopback base URL standing in for `https://api-<region>.central.sophos.com`. */
  regionUrl(region: string): string | undefined;
  now(): number;
}

export interface ApiCall {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  caller: SophosCredential;
  ctx: FakeContext;
}
