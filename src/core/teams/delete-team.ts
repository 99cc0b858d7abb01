// "Deleting" a team deactivates it: tickets keep their team and the membership stays for the record.
import { withTx } from '../../db/transaction.js';
import { isoNow, requireAccess, type Ctx } from '../context.js';
import { loadTeam, type Team } from './team.js';

export async function deleteTeam(ctx: Ctx, id: number): Promise<Team> {
  requireAccess(ctx, 'teams', 'edit');
  return withTx(ctx.db, async (tx) => {
    await loadTeam(tx, id);
    await tx
      .updateTable('teams')
      .set({ inactive: 1, updated_at: isoNow(ctx) })
      .where('id', '=', id)
      .execute();
    return loadTeam(tx, id);
  });
}
