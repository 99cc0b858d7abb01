// OAuth2 client-credentials token cache: one token per client, refreshed `marginSeconds` before it expires,
// fetched once for concurrent callers (single flight), and dropped on a 401 so the next call refreshes.

export interface IssuedToken {
  accessToken: string;
  /** Lifetime from the token response (`expires_in`); a default is used when the server omits it. */
  expiresInSeconds: number;
}

export class TokenCache {
  private token: { value: string; refreshAt: number } | undefined;
  private inFlight: Promise<string> | undefined;
  /** How many tokens were fetched (for tests and diagnostics). */
  fetched = 0;

  constructor(
    private readonly fetchToken: () => Promise<IssuedToken>,
    private readonly marginSeconds = 60,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.token && this.now() < this.token.refreshAt) return this.token.value;
    this.inFlight ??= this.refresh().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Forgets `value` if it is still the cached token (a 401 said it is no longer valid). */
  invalidate(value: string): void {
    if (this.token?.value === value) this.token = undefined;
  }

  private async refresh(): Promise<string> {
    const issued = await this.fetchToken();
    this.fetched++;
    // A lifetime shorter than twice the margin would never be reused; keep at least half of it.
    const margin = Math.min(this.marginSeconds, issued.expiresInSeconds / 2);
    this.token = {
      value: issued.accessToken,
      refreshAt: this.now() + (issued.expiresInSeconds - margin) * 1000,
    };
    return issued.accessToken;
  }
}
