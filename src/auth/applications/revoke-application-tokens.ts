import { requireAdmin, isoNow, type Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { withTx, type Tx } from '../../db/transaction.js';

/** Revokes every still-valid token of an application; returns how many. */
export async function revokeApplicationTokens(ctx: Ctx, applicationId: number): Promise<{ revoked: number }> {
  requireAdmin(ctx);
  const now = isoNow(ctx);
  const revoked = await withTx(ctx.db, async (tx) => {
    const app = await tx
      .selectFrom('api_applications')
      .select('id')
      .where('id', '=', applicationId)
      .executeTakeFirst();
    if (!app) throw notFound('Application', applicationId);
    return revokeTokensIn(tx, applicationId, now);
  });
  ctx.log.info({ applicationId, revoked }, 'API application tokens revoked');
  return { revoked };
}

export async function revokeTokensIn(tx: Tx, applicationId: number, now: string): Promise<number> {
  const result = await tx
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('application_id', '=', applicationId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
