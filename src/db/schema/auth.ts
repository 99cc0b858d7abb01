// Row types of the authentication tables (see migrations/20261121000200_auth.ts).
// Secrets never appear here in plaintext: only hashes (scrypt for client secrets, SHA-256 for opaque tokens).
import type { Generated } from 'kysely';

type Bool = number;

/** How an API application authenticates (Halo: "Client ID and Secret (Services)" or "API Key"). */
export type ApplicationAuthMethod = 'client_credentials' | 'api_key';

export interface ApiApplicationTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  active: Generated<Bool>;
  auth_method: ApplicationAuthMethod;
  client_id: string;
  /** scrypt$N$r$p$salt$hash of the client secret (client_credentials apps). */
  client_secret_hash: string | null;
  /** SHA-256 hex of the API key (api_key apps); unique so a presented key is found by its hash. */
  api_key_hash: string | null;
  /** The agent the application logs in as; its role permissions bound what the application may do. */
  login_agent_id: number;
  /** Space-separated Halo scopes granted to the application, e.g. "all" or "read:tickets edit:customers". */
  scopes: string;
  secret_created_at: string;
  created_by_agent_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface ApiTokenTable {
  id: Generated<number>;
  application_id: number;
  /** SHA-256 hex of the bearer token. */
  token_hash: string;
  /** The scopes issued with the token (space-separated); effective access is also bounded live by the app and agent. */
  scope: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface AgentSessionTable {
  id: Generated<number>;
  agent_id: number;
  /** SHA-256 hex of the session cookie value. */
  session_hash: string;
  created_at: string;
  expires_at: string;
}

export interface AuthTables {
  api_applications: ApiApplicationTable;
  api_tokens: ApiTokenTable;
  agent_sessions: AgentSessionTable;
}
