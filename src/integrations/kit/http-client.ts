// The fetch-based HTTP client every vendor connector uses: injectable base URLs, OAuth2 client-credentials
// tokens (cached, refreshed early, refreshed once on a 401), 429/503 with Retry-After or jittered backoff
// within a retry budget, a per-instance concurrency limit, and a per-request timeout joined with the run's
// signal. Errors are AppErrors with a connector kind; messages never contain secrets or tokens.
import { setMaxListeners } from 'node:events';
import type { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { abortedError, errorForStatus, networkError, retryable } from './http-errors.js';
import { createRedactor, type Redactor } from './redact.js';
import { backoffDelay, parseRetryAfter, sleep } from './retry.js';
import { Semaphore } from './semaphore.js';
import { TokenCache } from './token-cache.js';

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  /** Refresh this many seconds before expiry (default 60). */
  refreshMarginSeconds?: number;
}

export interface RetryPolicy {
  /** Attempts per request, the first included (default 6). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Total milliseconds one request may spend waiting between attempts (default 120 s). */
  budgetMs: number;
}

export interface HttpClientOptions {
  baseUrl: string;
  auth?: ClientCredentials;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Requests in flight at once for this client (default 4). */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** The run's signal: aborts waits and requests. */
  signal?: AbortSignal;
  /** Extra values to mask in error messages (the client's own secret and tokens are always masked). */
  secrets?: string[];
  headers?: Record<string, string>;
  random?: () => number;
}

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  /** Validates the JSON body; a mismatch is a vendor error. */
  schema?: z.ZodType<T>;
  /** Human name of the call for messages, e.g. "listing tenants". */
  what?: string;
  /** Retry 5xx/network errors for non-GET requests too (only for idempotent calls). */
  idempotent?: boolean;
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  budgetMs: 120_000,
};

export class HttpClient {
  readonly tokens: TokenCache | undefined;
  private readonly semaphore: Semaphore;
  private readonly retry: RetryPolicy;
  private readonly redactor: Redactor;
  private readonly seenTokens: string[] = [];
  /** Until when (epoch ms) every request of this client holds back: a 429's Retry-After applies to all of them. */
  private pausedUntil = 0;

  constructor(private readonly o: HttpClientOptions) {
    this.semaphore = new Semaphore(o.concurrency ?? 4);
    // Each request in flight or waiting listens on the run's signal; a high concurrency is not a leak.
    if (o.signal) setMaxListeners(Math.max(10, 4 * (o.concurrency ?? 4) + 10), o.signal);
    this.retry = { ...DEFAULT_RETRY, ...o.retry };
    const secrets = [...(o.secrets ?? []), o.auth?.clientSecret];
    this.redactor = (text) => createRedactor([...secrets, ...this.seenTokens])(text);
    const auth = o.auth;
    this.tokens = auth
      ? new TokenCache(() => this.fetchToken(auth), auth.refreshMarginSeconds ?? 60)
      : undefined;
  }

  get inFlight(): number {
    return this.semaphore.inFlight;
  }

  /** Resolves a path against the base URL; absolute URLs (vendor "next" links) are used verbatim. */
  url(pathOrUrl: string, query?: RequestOptions<unknown>['query']): URL {
    let u: URL;
    try {
      u = /^https?:\/\//i.test(pathOrUrl)
        ? new URL(pathOrUrl)
        : new URL(
            pathOrUrl.replace(/^\//, ''),
            this.o.baseUrl.endsWith('/') ? this.o.baseUrl : `${this.o.baseUrl}/`,
          );
    } catch (e) {
      throw new AppError(
        'CONNECTOR_BAD_URL',
        'config',
        `The URL "${pathOrUrl}" (base ${this.o.baseUrl}) is not valid`,
        { cause: e },
      );
    }
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u;
  }

  async request<T = unknown>(pathOrUrl: string, opts: RequestOptions<T> = {}): Promise<HttpResponse<T>> {
    const url = this.url(pathOrUrl, opts.query);
    const what = opts.what ?? `${opts.method ?? 'GET'} ${url.pathname}`;
    let refreshedAfter401 = false;
    for (;;) {
      const token = this.tokens ? await this.tokens.get() : undefined;
      const res = await this.sendWithRetry(url, opts, what, token);
      if (res.status === 401 && token && this.tokens && !refreshedAfter401) {
        // The token may have expired early or been revoked: refresh once and retry the same request.
        refreshedAfter401 = true;
        this.tokens.invalidate(token);
        continue;
      }
      if (!res.ok) throw this.clean(errorForStatus(res.status, what));
      return { status: res.status, headers: res.headers, data: await this.parse(res, opts, what) };
    }
  }

  /** GET returning validated JSON. */
  async getJson<T>(
    pathOrUrl: string,
    schema: z.ZodType<T>,
    opts: Omit<RequestOptions<T>, 'schema' | 'method'> = {},
  ): Promise<T> {
    return (await this.request(pathOrUrl, { ...opts, schema })).data;
  }

  private async parse<T>(res: Response, opts: RequestOptions<T>, what: string): Promise<T> {
    const text = await res.text();
    if (!opts.schema) return (text ? JSON.parse(text) : undefined) as T;
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch (e) {
      throw new AppError('VENDOR_BAD_RESPONSE', 'vendor', `${what}: the response is not JSON`, { cause: e });
    }
    const parsed = opts.schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(
        'VENDOR_BAD_RESPONSE',
        'vendor',
        `${what}: unexpected response shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}`,
      );
    }
    return parsed.data;
  }

  /** Sends with retries for 429/502/503/504 and network errors (GET or idempotent only); returns the last response. */
  private async sendWithRetry(
    url: URL,
    opts: RequestOptions<unknown>,
    what: string,
    token: string | undefined,
  ): Promise<Response> {
    const method = opts.method ?? 'GET';
    const mayRetryFailure = method === 'GET' || opts.idempotent === true;
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      let res: Response | undefined;
      let failure: AppError | undefined;
      try {
        res = await this.semaphore.run(async () => {
          await this.holdWhilePaused(what);
          return this.send(url, opts, method, token, what);
        });
      } catch (e) {
        if (!(e instanceof AppError) || e.code === 'RUN_ABORTED' || !mayRetryFailure) throw e;
        failure = e;
      }
      const canRetry =
        failure !== undefined ||
        (res !== undefined && retryable(res.status) && (res.status === 429 || mayRetryFailure));
      if (!canRetry) return res as Response;
      const hinted = res ? parseRetryAfter(res.headers.get('retry-after')) : undefined;
      // The server's limit is per client, not per request: everyone waits, so the others don't collect 429s too.
      if (res?.status === 429 && hinted !== undefined)
        this.pausedUntil = Math.max(this.pausedUntil, Date.now() + hinted);
      const delay =
        hinted ??
        backoffDelay(attempt, { ...this.retry, ...(this.o.random ? { random: this.o.random } : {}) });
      if (attempt + 1 >= this.retry.maxAttempts || waited + delay > this.retry.budgetMs) {
        await res?.body?.cancel().catch(() => undefined);
        throw this.clean(failure ?? errorForStatus(res?.status ?? 503, what, hinted));
      }
      await res?.body?.cancel().catch(() => undefined);
      waited += delay;
      try {
        await sleep(delay, this.o.signal);
      } catch (e) {
        throw abortedError(what, e);
      }
    }
  }

  private async holdWhilePaused(what: string): Promise<void> {
    for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) {
      try {
        await sleep(wait, this.o.signal);
      } catch (e) {
        throw abortedError(what, e);
      }
    }
  }

  private async send(
    url: URL,
    opts: RequestOptions<unknown>,
    method: string,
    token: string | undefined,
    what: string,
  ): Promise<Response> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...this.o.headers,
      ...opts.headers,
    };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(opts.form).toString();
    }
    const timeout = AbortSignal.timeout(this.o.timeoutMs ?? 30_000);
    const signal = this.o.signal ? AbortSignal.any([timeout, this.o.signal]) : timeout;
    try {
      return await fetch(url, { method, headers, body: body ?? null, signal, redirect: 'error' });
    } catch (e) {
      if (this.o.signal?.aborted) throw abortedError(what, e);
      throw this.clean(networkError(what, e, timeout.aborted));
    }
  }

  private async fetchToken(
    auth: ClientCredentials,
  ): Promise<{ accessToken: string; expiresInSeconds: number }> {
    const form: Record<string, string> = {
      grant_type: 'client_credentials',
      client_id: auth.clientId,
      client_secret: auth.clientSecret,
    };
    if (auth.scope) form.scope = auth.scope;
    const url = this.url(auth.tokenUrl);
    const res = await this.sendWithRetry(
      url,
      { method: 'POST', form, idempotent: true },
      'requesting an access token',
      undefined,
    );
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      await res.body?.cancel().catch(() => undefined);
      throw new AppError(
        'VENDOR_AUTH_FAILED',
        'auth',
        `The token endpoint refused the client credentials (${res.status})`,
      );
    }
    if (!res.ok) throw this.clean(errorForStatus(res.status, 'requesting an access token'));
    const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || !body.access_token) {
      throw new AppError(
        'VENDOR_BAD_RESPONSE',
        'vendor',
        'The token endpoint answered without an access_token',
      );
    }
    this.seenTokens.push(body.access_token);
    if (this.seenTokens.length > 8) this.seenTokens.shift();
    const expires = Number(body.expires_in);
    return {
      accessToken: body.access_token,
      expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : 3600,
    };
  }

  /** Masks secrets and tokens in an error's message before it can reach a run record or a log. */
  private clean(e: AppError): AppError {
    const message = this.redactor(e.message);
    return message === e.message
      ? e
      : new AppError(e.code, e.kind, message, {
          cause: e.cause,
          details: e.details,
          ...(e.retryAfterSeconds !== undefined ? { retryAfterSeconds: e.retryAfterSeconds } : {}),
        });
  }
}
