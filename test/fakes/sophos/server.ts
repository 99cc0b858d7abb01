// startFakeSophos: a local Sophos Central on loopback. Three kinds of listener, each its own origin, so a
// client that mixes them up fails here as it would against Sophos:
//   id      — stands in for https://id.sophos.com (token route only)
//   global  — stands in for https://api.central.sophos.com (whoami, tenants, licences)
//   regions — one per data region, stand-ins for https://api-<region>.central.sophos.com (tenants' apiHost)

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeContext, FakeSophosControls } from './context.js';
import { FaultPlan, type FaultAction, type FaultSpec, type InjectedFault } from './faults.js';
import { generateSophosState, type GenerateOptions } from './generator.js';
import { header, sendError, sendJson, unauthorizedBody } from './http-util.js';
import { RateLimiter, retryAfterValue, type RateLimitOptions } from './rate-limit.js';
import { resolveRoute, type HostKind } from './router.js';
import { handleToken } from './routes/token.js';
import type { SophosState } from './state.js';
import { FakeSophosStats, type FakeRequestLogEntry } from './stats.js';
import { TokenStore } from './tokens.js';
import { SOPHOS_DATA_REGIONS, type SophosCredential } from './types.js';

export interface FakeSophosOptions extends GenerateOptions {
  /** A prepared estate; when absent one is generated from the GenerateOptions (seed, tenants, …). */
  state?: SophosState;
  /** Bind address; default 127.0.0.1. */
  host?: string;
  /** Port of the global API listener; default 0 (any free port). The id and regional listeners always use 0. */
  port?: number;
  /** Lifetime of issued tokens in seconds; default 3600 (§1.1). */
  tokenTtlSeconds?: number;
  /** Delay added to every request; default 0. */
  latencyMs?: number;
  /** Per-client rate limit on the API hosts; default none. */
  rateLimit?: RateLimitOptions | null;
  /** Faults armed from the start (same as calling inject() for each). */
  faults?: FaultSpec[];
  /** Page size when a request gives none; default 50 (inferred from the Postman example). */
  defaultPageSize?: number;
  /** Largest accepted pageSize, reported as pages.maxSize; default 100 (§1.3). */
  maxPageSize?: number;
  /** Clock for token expiry, rate limiting and timestamps; default Date.now. */
  now?: () => number;
  /**
   * Called for every request once it is routed, before latency, faults and auth. May be async. Lets a test
   * change the state between pages (e.g. insert a tenant while page 2 is being read, reliability §4 #10).
   */
  onRequest?: (request: Readonly<FakeRequestLogEntry>, fake: FakeSophos) => void | Promise<void>;
}

export interface FakeSophos {
  /** Same as apiUrl: the global API base URL, no trailing slash. */
  url: string;
  /** Base URL of the id host; the token URL is `${idUrl}/api/v2/oauth2/token`. */
  idUrl: string;
  tokenUrl: string;
  /** The global API base URL (whoami's apiHosts.global). */
  apiUrl: string;
  /** Loopback base URL per data region (tenants' apiHost and a tenant caller's apiHosts.dataRegion). */
  regionUrls: Readonly<Record<string, string>>;
  state: SophosState;
  stats: FakeSophosStats;
  /** Live knobs: assign latencyMs, tokenTtlSeconds or rateLimit at any time. */
  controls: FakeSophosControls;
  /** The generated partner, organization and tenant credentials (the state's first of each kind). */
  credentials: {
    partner: SophosCredential;
    organization: SophosCredential;
    tenant: SophosCredential | undefined;
  };
  /** Arms a scripted fault; see FaultSpec. */
  inject(spec: FaultSpec): InjectedFault;
  clearFaults(): void;
  /** Expires every token issued so far. */
  expireAllTokens(): void;
  close(): Promise<void>;
}

export async function startFakeSophos(options: FakeSophosOptions = {}): Promise<FakeSophos> {
  const state = options.state ?? generateSophosState(options);
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const stats = new FakeSophosStats();
  const tokens = new TokenStore();
  const faults = new FaultPlan();
  for (const spec of options.faults ?? []) faults.inject(spec);
  const controls: FakeSophosControls = {
    latencyMs: options.latencyMs ?? 0,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    rateLimit: options.rateLimit ?? null,
  };
  let limiter: { options: RateLimitOptions; limiter: RateLimiter } | undefined;
  const limiterFor = (current: RateLimitOptions | null): RateLimiter | undefined => {
    if (!current) return undefined;
    if (limiter?.options !== current) limiter = { options: current, limiter: new RateLimiter(current) };
    return limiter.limiter;
  };

  const servers: Server[] = [];
  const regionUrls: Record<string, string> = {};
  const ctx: FakeContext = {
    state,
    tokens,
    controls,
    limits: { defaultSize: options.defaultPageSize ?? 50, maxSize: options.maxPageSize ?? 100 },
    apiUrl: '',
    regionUrl: (region) => regionUrls[region],
    now,
  };
  let fake: FakeSophos | undefined;

  const handle = async (
    hostKind: HostKind,
    hostLabel: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const route = resolveRoute(hostKind, url.pathname);
    const auth = tokens.check(header(req, 'authorization'), now());
    const page = Number(url.searchParams.get('page') ?? '1');
    const entry = stats.begin({
      route: route.name,
      host: hostLabel,
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      page: Number.isFinite(page) ? page : 1,
      tenantId: header(req, 'X-Tenant-ID'),
      clientId: auth.ok ? auth.clientId : undefined,
      startedAt: now(),
    });
    res.on('close', () => stats.end(entry, res.headersSent ? res.statusCode : 0, now()));

    if (options.onRequest && fake) await options.onRequest(entry, fake);
    if (controls.latencyMs > 0) await sleep(controls.latencyMs);

    const fault = faults.take({
      route: route.name,
      page: entry.page,
      tenantId: entry.tenantId,
      clientId: entry.clientId,
    });
    if (fault) {
      stats.faultsFired++;
      if (await applyFault(fault, req, res)) return;
    }

    if (route.name === 'not-found') return sendError(res, 404, `No route for ${url.pathname}`, now());
    if (req.method !== route.method) {
      return sendError(res, 405, `Method ${req.method} not allowed on ${url.pathname}`, now(), {
        allow: route.method,
      });
    }
    if (route.name === 'token') {
      const outcome = await handleToken(req, res, ctx);
      entry.clientId = outcome.clientId;
      if (outcome.issued) stats.tokensIssued++;
      return;
    }

    // Re-check after latency/stall: a token can expire while the request waits, as on a real server.
    const authNow = tokens.check(header(req, 'authorization'), now());
    const caller = authNow.ok ? state.findCredential(authNow.clientId) : undefined;
    if (!caller) return sendJson(res, 401, unauthorizedBody());

    const rate = limiterFor(controls.rateLimit)?.take(caller.clientId, now());
    if (rate && !rate.allowed) {
      const retryAfter = retryAfterValue(rate.retryAfterSeconds, limiter!.limiter.retryAfterFormat, now());
      return sendError(res, 429, 'Too many requests. See Retry-After header.', now(), {
        'retry-after': retryAfter,
      });
    }
    route.handle!({ req, res, url, caller, ctx });
  };

  /** Returns true when the fault answered (or swallowed) the request, false when handling continues. */
  const applyFault = async (
    action: FaultAction,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<boolean> => {
    switch (action.type) {
      case 'status': {
        const headers: Record<string, string> = {};
        if (action.retryAfter !== undefined) headers['retry-after'] = String(action.retryAfter);
        sendError(res, action.status, action.message ?? `Injected ${action.status}`, now(), headers);
        return true;
      }
      case 'unauthorized':
        sendJson(res, 401, unauthorizedBody());
        return true;
      case 'reset':
        req.socket.destroy();
        return true;
      case 'stall':
        if (action.ms === undefined) return true; // never answered; close() drops the connection
        await sleep(action.ms);
        return res.destroyed; // the client gave up: nothing left to answer
    }
  };

  const listen = async (hostKind: HostKind, label: string, port: number): Promise<string> => {
    const server = createServer((req, res) => {
      handle(hostKind, label, req, res).catch((error: unknown) => {
        if (!res.headersSent && !res.destroyed)
          sendError(res, 500, `Fake Sophos failed: ${String(error)}`, now());
      });
    });
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  };

  try {
    const apiUrl = await listen('api', 'global', options.port ?? 0);
    const idUrl = await listen('id', 'id', 0);
    for (const region of SOPHOS_DATA_REGIONS) regionUrls[region] = await listen('api', region, 0);
    ctx.apiUrl = apiUrl;
    const first = (kind: SophosCredential['idType']): SophosCredential | undefined =>
      state.credentials.find((c) => c.idType === kind);
    fake = {
      url: apiUrl,
      idUrl,
      tokenUrl: `${idUrl}/api/v2/oauth2/token`,
      apiUrl,
      regionUrls,
      state,
      stats,
      controls,
      credentials: {
        partner: state.credential('partner'),
        organization: state.credential('organization'),
        tenant: first('tenant'),
      },
      inject: (spec) => faults.inject(spec),
      clearFaults: () => faults.clear(),
      expireAllTokens: () => tokens.expireAll(),
      close: () => closeAll(servers),
    };
    return fake;
  } catch (error) {
    await closeAll(servers);
    throw error;
  }
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          if (!server.listening) return resolve();
          server.close(() => resolve());
          // Stalled requests and keep-alive sockets would otherwise hold close() open forever.
          server.closeAllConnections();
        }),
    ),
  );
}
