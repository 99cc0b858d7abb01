// How an API application is shown. Never includes a secret or a hash.
import type { Db, Tx } from '../../db/transaction.js';
import type { ApplicationAuthMethod } from '../../db/schema/auth.js';
import { parseScopeString } from '../scopes.js';

export interface ApplicationView {
  id: number;
  name: string;
  description: string | null;
  active: boolean;
  auth_method: ApplicationAuthMethod;
  client_id: string;
  login_agent_id: number;
  login_agent_name: string;
  scopes: string[];
  secret_created_at: string;
  created_at: string;
  updated_at: string;
  /** Bearer tokens still valid now. */
  active_tokens: number;
}

/** The credential returned once, at creation or regeneration, and never again. */
export interface IssuedCredential {
  application: ApplicationView;
  client_id: string;
  /** For client_credentials applications. */
  client_secret?: string;
  /** For api_key applications (sent as X-Halo-Api-Key). */
  api_key?: string;
}

export async function loadApplicationViews(
  db: Db | Tx,
  now: string,
  ids?: number[],
): Promise<ApplicationView[]> {
  if (ids && ids.length === 0) return [];
  let q = db
    .selectFrom('api_applications as a')
    .innerJoin('agents as g', 'g.id', 'a.login_agent_id')
    .select([
      'a.id',
      'a.name',
      'a.description',
      'a.active',
      'a.auth_method',
      'a.client_id',
      'a.login_agent_id',
      'g.name as login_agent_name',
      'a.scopes',
      'a.secret_created_at',
      'a.created_at',
      'a.updated_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('api_tokens as t')
        .whereRef('t.application_id', '=', 'a.id')
        .where('t.revoked_at', 'is', null)
        .where('t.expires_at', '>', now)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('active_tokens'),
    )
    .orderBy('a.name')
    .orderBy('a.id');
  if (ids) q = q.where('a.id', 'in', ids);
  const rows = await q.execute();
  return rows.map((r) => ({
    ...r,
    active: r.active === 1,
    scopes: parseScopeString(r.scopes),
    active_tokens: Number(r.active_tokens ?? 0),
  }));
}
