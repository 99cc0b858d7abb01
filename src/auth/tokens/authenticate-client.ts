// Client authentication for the token (and revocation) endpoint: client id + secret against the stored scrypt hash.
import type { Db } from '../../db/transaction.js';
import { OAuthError } from '../oauth-error.js';
import { verifySecret } from '../password-hash.js';

/** Thrown (as invalid_client) when the id or secret is wrong: the caller counts these for rate limiting. */
export class BadClientCredentials extends OAuthError {
  constructor() {
    super('invalid_client', 'Client authentication failed: unknown client or wrong secret');
  }
}

export interface AuthenticatedClient {
  id: number;
  scopes: string;
  active: boolean;
  agentActive: boolean;
}

export async function authenticateClient(
  db: Db,
  clientId: string,
  clientSecret: string,
): Promise<AuthenticatedClient> {
  const app = await db
    .selectFrom('api_applications as a')
    .innerJoin('agents as g', 'g.id', 'a.login_agent_id')
    .select([
      'a.id',
      'a.active',
      'a.auth_method',
      'a.client_secret_hash',
      'a.scopes',
      'g.inactive as agent_inactive',
    ])
    .where('a.client_id', '=', clientId)
    .executeTakeFirst();
  // Unknown clients are rejected without running scrypt: client ids are not secret, and hashing for every
  // made-up id would hand an attacker a cheap way to burn CPU.
  if (!app || app.auth_method !== 'client_credentials' || !app.client_secret_hash)
    throw new BadClientCredentials();
  if (!(await verifySecret(clientSecret, app.client_secret_hash))) throw new BadClientCredentials();
  return { id: app.id, scopes: app.scopes, active: app.active === 1, agentActive: app.agent_inactive === 0 };
}
