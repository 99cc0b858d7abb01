import { requireAdmin, isoNow, type Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { Db } from '../../db/transaction.js';
import { sha256Hex } from '../secrets.js';

/** Revokes one token of an application by its id (admin). */
export async function revokeToken(ctx: Ctx, applicationId: number, tokenId: number): Promise<void> {
  requireAdmin(ctx);
  const result = await ctx.db
    .updateTable('api_tokens')
    .set({ revoked_at: isoNow(ctx) })
    .where('id', '=', tokenId)
    .where('application_id', '=', applicationId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const exists = await ctx.db
      .selectFrom('api_tokens')
      .select('id')
      .where('id', '=', tokenId)
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    if (!exists) throw notFound('Token', tokenId);
  }
}

/** RFC 7009: a client revokes its own token. Unknown tokens or other clients' tokens are silently ignored. */
export async function revokeOwnToken(db: Db, applicationId: number, token: string, now: Date): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('token_hash', '=', sha256Hex(token))
    .where('application_id', '=', applicationId)
    .where('revoked_at', 'is', null)
    .execute();
}
