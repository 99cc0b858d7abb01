// Issued bearer tokens and their expiry. Tokens look like JWTs (§1.1 says the token is a JWT) but the fake
// only ever looks them up, so clients must treat them as opaque, as they should.

import { randomBytes, randomUUID } from 'node:crypto';
import type { SophosCredential, SophosTokenResponse } from './types.js';

interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

export type TokenCheck =
  { ok: true; clientId: string } | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

export class TokenStore {
  private readonly access = new Map<string, IssuedToken>();
  private readonly refresh = new Map<string, string>();
  issued = 0;

  issue(credential: SophosCredential, ttlSeconds: number, now: number): SophosTokenResponse {
    const iat = Math.floor(now / 1000);
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
    const payload = base64url(
      JSON.stringify({ sub: credential.clientId, iat, exp: iat + ttlSeconds, jti: randomUUID() }),
    );
    const accessToken = `${header}.${payload}.${base64url(randomBytes(32))}`;
    const refreshToken = randomBytes(24).toString('hex');
    this.access.set(accessToken, { clientId: credential.clientId, expiresAt: now + ttlSeconds * 1000 });
    this.refresh.set(refreshToken, credential.clientId);
    this.issued++;
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'bearer',
      expires_in: ttlSeconds,
      errorCode: 'success',
      message: 'OK',
      trackingId: randomUUID(),
    };
  }

  /** Checks an Authorization header value ("Bearer <token>", scheme case-insensitive). */
  check(authorization: string | undefined, now: number): TokenCheck {
    const match = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return { ok: false, reason: 'missing' };
    const token = this.access.get(match[1]!);
    if (!token) return { ok: false, reason: 'unknown' };
    if (now >= token.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, clientId: token.clientId };
  }

  /** The client a refresh token was issued to; each refresh token is single-use. */
  redeemRefresh(refreshToken: string): string | undefined {
    const clientId = this.refresh.get(refreshToken);
    this.refresh.delete(refreshToken);
    return clientId;
  }

  /** Expires every token now, e.g. to simulate a key rotation on Sophos's side. */
  expireAll(): void {
    for (const token of this.access.values()) token.expiresAt = 0;
  }
}
