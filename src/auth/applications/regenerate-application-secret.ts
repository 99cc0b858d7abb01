import { requireAdmin, isoNow, type Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { withTx } from '../../db/transaction.js';
import { loadApplicationViews, type IssuedCredential } from './application-view.js';
import { newCredential } from './new-credential.js';
import { revokeTokensIn } from './revoke-application-tokens.js';

/**
 * Replaces the secret (or API key): the old one stops working and every token issued with it is revoked, in
 * one transaction (Halo: "generating a new secret disconnects the current integrator").
 */
export async function regenerateApplicationSecret(
  ctx: Ctx,
  applicationId: number,
): Promise<IssuedCredential> {
  requireAdmin(ctx);
  const app = await ctx.db
    .selectFrom('api_applications')
    .select(['id', 'auth_method', 'client_id'])
    .where('id', '=', applicationId)
    .executeTakeFirst();
  if (!app) throw notFound('Application', applicationId);
  const credential = await newCredential(app.auth_method);
  const now = isoNow(ctx);
  const revoked = await withTx(ctx.db, async (tx) => {
    await tx
      .updateTable('api_applications')
      .set({ ...credential.columns, secret_created_at: now, updated_at: now })
      .where('id', '=', applicationId)
      .execute();
    return revokeTokensIn(tx, applicationId, now);
  });
  ctx.log.info({ applicationId, revokedTokens: revoked }, 'API application secret regenerated');
  const [application] = await loadApplicationViews(ctx.db, now, [applicationId]);
  if (!application) throw notFound('Application', applicationId);
  return app.auth_method === 'api_key'
    ? { application, client_id: app.client_id, api_key: credential.plaintext }
    : { application, client_id: app.client_id, client_secret: credential.plaintext };
}
