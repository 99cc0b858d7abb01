// The client_credentials grant (RFC 6749 §4.4): authenticate the application, settle the scopes, store the
// hash of a fresh opaque token. No refresh token is issued (§4.4.3).
import type { Db } from '../../db/transaction.js';
import { withTx } from '../../db/transaction.js';
import { OAuthError } from '../oauth-error.js';
import { authenticateClient } from './authenticate-client.js';
import { DEFAULT_SCOPE, narrowScopes, parseScopeString, unknownScopes } from '../scopes.js';
import { randomSecret, sha256Hex } from '../secrets.js';

export interface ClientCredentialsRequest {
  clientId: string;
  clientSecret: string;
  /** Space-separated; empty or absent means "all". */
  scope?: string | undefined;
}

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  applicationId: number;
}

export async function issueClientCredentialsToken(
  db: Db,
  req: ClientCredentialsRequest,
  opts: { now: Date; ttlSeconds: number },
): Promise<IssuedToken> {
  const app = await authenticateClient(db, req.clientId, req.clientSecret);
  if (!app.active) throw new OAuthError('invalid_client', 'The application is disabled');
  if (!app.agentActive)
    throw new OAuthError('unauthorized_client', "The application's login agent is inactive");

  const requested = parseScopeString(req.scope);
  const wanted = requested.length ? requested : [DEFAULT_SCOPE];
  const unknown = unknownScopes(wanted);
  if (unknown.length) throw new OAuthError('invalid_scope', `Unknown scope: ${unknown.join(' ')}`);
  const granted = narrowScopes(wanted, parseScopeString(app.scopes));
  if (granted.length === 0)
    throw new OAuthError('invalid_scope', 'None of the requested scopes is granted to this application');

  const token = randomSecret(32);
  const now = opts.now.toISOString();
  const expiresAt = new Date(opts.now.getTime() + opts.ttlSeconds * 1000).toISOString();
  const scope = granted.join(' ');
  await withTx(db, async (tx) => {
    await tx
      .insertInto('api_tokens')
      .values({
        application_id: app.id,
        token_hash: sha256Hex(token),
        scope,
        created_at: now,
        expires_at: expiresAt,
        revoked_at: null,
      })
      .execute();
    // Keep the table small: drop this application's tokens that expired more than a day ago.
    const cutoff = new Date(opts.now.getTime() - 86_400_000).toISOString();
    await tx
      .deleteFrom('api_tokens')
      .where('application_id', '=', app.id)
      .where('expires_at', '<', cutoff)
      .execute();
  });
  return {
    access_token: token,
    token_type: 'Bearer',
    expires_in: opts.ttlSeconds,
    scope,
    applicationId: app.id,
  };
}
