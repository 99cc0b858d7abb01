// "Deleting" a top level deactivates it; its customers keep their reference.
import { withTx } from '../../db/transaction.js';
import { isoNow, requireAccess, type Ctx } from '../context.js';
import { loadTopLevel, type TopLevel } from './top-level.js';

export async function deleteTopLevel(ctx: Ctx, id: number): Promise<TopLevel> {
  requireAccess(ctx, 'customers', 'edit');
  return withTx(ctx.db, async (tx) => {
    await loadTopLevel(tx, id);
    await tx
      .updateTable('top_levels')
      .set({ inactive: 1, updated_at: isoNow(ctx) })
      .where('id', '=', id)
      .execute();
    return loadTopLevel(tx, id);
  });
}
