import { requireAdmin, isoNow, type Ctx } from '../../core/context.js';
import type { ApplicationAuthMethod } from '../../db/schema/auth.js';
import { withTx } from '../../db/transaction.js';
import { randomClientId } from '../secrets.js';
import { DEFAULT_SCOPE } from '../scopes.js';
import { loadApplicationViews, type IssuedCredential } from './application-view.js';
import { newCredential } from './new-credential.js';
import { assertLoginAgent, normaliseScopes } from './validate.js';

export interface CreateApplicationInput {
  name: string;
  description?: string | null;
  login_agent_id: number;
  /** Space-separated or a list; defaults to "all". */
  scopes?: string | string[];
  auth_method?: ApplicationAuthMethod;
  active?: boolean;
}

/** Creates an application and returns its secret (or API key) this one time; only a hash is kept. */
export async function createApplication(ctx: Ctx, input: CreateApplicationInput): Promise<IssuedCredential> {
  requireAdmin(ctx);
  const scopes = normaliseScopes(input.scopes ?? DEFAULT_SCOPE);
  const method = input.auth_method ?? 'client_credentials';
  const credential = await newCredential(method);
  const clientId = randomClientId();
  const now = isoNow(ctx);
  const id = await withTx(ctx.db, async (tx) => {
    await assertLoginAgent(tx, input.login_agent_id);
    const row = await tx
      .insertInto('api_applications')
      .values({
        name: input.name,
        description: input.description ?? null,
        active: input.active === false ? 0 : 1,
        auth_method: method,
        client_id: clientId,
        ...credential.columns,
        login_agent_id: input.login_agent_id,
        scopes: scopes.join(' '),
        secret_created_at: now,
        created_by_agent_id: ctx.actor.agentId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
  const [application] = await loadApplicationViews(ctx.db, now, [id]);
  if (!application) throw new Error(`application ${id} vanished after insert`);
  ctx.log.info({ applicationId: id, clientId, authMethod: method }, 'API application created');
  return method === 'api_key'
    ? { application, client_id: clientId, api_key: credential.plaintext }
    : { application, client_id: clientId, client_secret: credential.plaintext };
}
