import { requireAdmin, type Ctx } from '../../core/context.js';

export interface TokenView {
  id: number;
  scope: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** An application's tokens (never the token itself: only its hash is stored), newest first. */
export async function listApplicationTokens(ctx: Ctx, applicationId: number): Promise<TokenView[]> {
  requireAdmin(ctx);
  return ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'scope', 'created_at', 'expires_at', 'revoked_at'])
    .where('application_id', '=', applicationId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}
