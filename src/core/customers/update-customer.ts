// Partially updates a customer: fields left undefined keep their value.
import { withTx } from '../../db/transaction.js';
import { invalidInput } from '../errors.js';
import { isoNow, requireAccess, type Ctx } from '../context.js';
import { requireTopLevel } from '../toplevels/require-toplevel.js';
import { definedOnly, optionalText, requireName, toFlag } from '../shared/values.js';
import { loadCustomer, type Customer } from './customer.js';

export interface UpdateCustomerInput {
  id: number;
  name?: string | undefined;
  toplevelId?: number | null | undefined;
  inactive?: boolean | undefined;
  isVip?: boolean | undefined;
  website?: string | null | undefined;
  notes?: string | null | undefined;
  mainSiteId?: number | undefined;
}

export async function updateCustomer(ctx: Ctx, input: UpdateCustomerInput): Promise<Customer> {
  requireAccess(ctx, 'customers', 'edit');
  return withTx(ctx.db, async (tx) => {
    await loadCustomer(tx, input.id);
    if (input.toplevelId != null) await requireTopLevel(tx, input.toplevelId);
    if (input.mainSiteId !== undefined) {
      const site = await tx
        .selectFrom('sites')
        .select('customer_id')
        .where('id', '=', input.mainSiteId)
        .executeTakeFirst();
      if (site?.customer_id !== input.id) {
        throw invalidInput(`Site ${input.mainSiteId} is not a site of client ${input.id}`, [
          { field: 'main_site_id', message: `site ${input.mainSiteId} does not belong to this client` },
        ]);
      }
    }
    const changes = definedOnly({
      name: input.name === undefined ? undefined : requireName(input.name),
      toplevel_id: input.toplevelId,
      inactive: input.inactive === undefined ? undefined : toFlag(input.inactive),
      is_vip: input.isVip === undefined ? undefined : toFlag(input.isVip),
      website: optionalText(input.website),
      notes: optionalText(input.notes),
      main_site_id: input.mainSiteId,
    });
    if (Object.keys(changes).length > 0) {
      await tx
        .updateTable('customers')
        .set({ ...changes, updated_at: isoNow(ctx) })
        .where('id', '=', input.id)
        .execute();
    }
    return loadCustomer(tx, input.id);
  });
}
