// "Deleting" a customer deactivates it: tickets, assets, licences and external links keep pointing at it,
// and an integration that finds it again can reactivate it. Nothing is hard-deleted (DESIGN §4.6).
import { withTx } from '../../db/transaction.js';
import { isoNow, requireAccess, type Ctx } from '../context.js';
import { loadCustomer, type Customer } from './customer.js';

export async function deleteCustomer(ctx: Ctx, id: number): Promise<Customer> {
  requireAccess(ctx, 'customers', 'edit');
  return withTx(ctx.db, async (tx) => {
    await loadCustomer(tx, id);
    await tx
      .updateTable('customers')
      .set({ inactive: 1, updated_at: isoNow(ctx) })
      .where('id', '=', id)
      .execute();
    return loadCustomer(tx, id);
  });
}
