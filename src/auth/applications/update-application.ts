import { requireAdmin, isoNow, type Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { withTx } from '../../db/transaction.js';
import { loadApplicationViews, type ApplicationView } from './application-view.js';
import { assertLoginAgent, normaliseScopes } from './validate.js';

export interface UpdateApplicationInput {
  name?: string;
  description?: string | null;
  active?: boolean;
  login_agent_id?: number;
  scopes?: string | string[];
}

/**
 * Partial update. Tokens need no revoking here: every request re-checks the application's active flag,
 * its current scopes and its agent, so deactivating or narrowing takes effect at once.
 */
export async function updateApplication(
  ctx: Ctx,
  id: number,
  input: UpdateApplicationInput,
): Promise<ApplicationView> {
  requireAdmin(ctx);
  const scopes = input.scopes === undefined ? undefined : normaliseScopes(input.scopes);
  const now = isoNow(ctx);
  await withTx(ctx.db, async (tx) => {
    const current = await tx
      .selectFrom('api_applications')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!current) throw notFound('Application', id);
    if (input.login_agent_id !== undefined) await assertLoginAgent(tx, input.login_agent_id);
    await tx
      .updateTable('api_applications')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
        ...(input.login_agent_id !== undefined && { login_agent_id: input.login_agent_id }),
        ...(scopes !== undefined && { scopes: scopes.join(' ') }),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  });
  const [view] = await loadApplicationViews(ctx.db, now, [id]);
  if (!view) throw notFound('Application', id);
  return view;
}
