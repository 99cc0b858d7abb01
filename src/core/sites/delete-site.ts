// "Deleting" a site deactivates it; its users, tickets and assets keep their reference (DESIGN §4.6).
import { withTx } from '../../db/transaction.js';
import { isoNow, requireAccess, type Ctx } from '../context.js';
import { loadSite, type Site } from './site.js';

export async function deleteSite(ctx: Ctx, id: number): Promise<Site> {
  requireAccess(ctx, 'customers', 'edit');
  return withTx(ctx.db, async (tx) => {
    await loadSite(tx, id);
    await tx
      .updateTable('sites')
      .set({ inactive: 1, updated_at: isoNow(ctx) })
      .where('id', '=', id)
      .execute();
    return loadSite(tx, id);
  });
}
