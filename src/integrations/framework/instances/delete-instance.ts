// Removes an instance and its own bookkeeping (mappings, cursors, runs, external links). The PSA records it
// imported stay as they are (nothing is ever hard-deleted); its API-only agent is inactivated.
import { isoNow, requireAdmin } from '../../../core/context.js';
import { conflict } from '../../../core/errors.js';
import { withTx } from '../../../db/transaction.js';
import type { IntegrationCtx } from '../context.js';
import { loadInstanceRow } from './instance.js';

export async function deleteInstance(ctx: IntegrationCtx, id: number): Promise<void> {
  requireAdmin(ctx);
  await withTx(ctx.db, async (tx) => {
    const row = await loadInstanceRow(tx, id);
    if (row.running_run_id !== null && (row.lease_expires_at ?? '') > isoNow(ctx)) {
      throw conflict(`Instance ${id} is running (run ${row.running_run_id}); try again when it finishes`, [
        { field: 'id', message: 'is running' },
      ]);
    }
    const runs = tx.selectFrom('integration_runs').select('id').where('instance_id', '=', id);
    await tx.deleteFrom('run_record_errors').where('run_id', 'in', runs).execute();
    await tx.deleteFrom('integration_runs').where('instance_id', '=', id).execute();
    await tx.deleteFrom('sync_cursors').where('instance_id', '=', id).execute();
    await tx.deleteFrom('container_mappings').where('instance_id', '=', id).execute();
    await tx.deleteFrom('external_links').where('instance_id', '=', id).execute();
    await tx.deleteFrom('integration_instances').where('id', '=', id).execute();
    if (row.api_agent_id !== null)
      await tx
        .updateTable('agents')
        .set({ inactive: 1, updated_at: isoNow(ctx) })
        .where('id', '=', row.api_agent_id)
        .execute();
  });
}
