// Creates a customer. Like Halo, a customer always has at least one site: `firstSiteName` (Halo's
// newclient_sitename) names it, otherwise it is called "Main"; it becomes the customer's main site.
import { withTx } from '../../db/transaction.js';
import { isoNow, requireAccess, type Ctx } from '../context.js';
import { insertSite } from '../sites/insert-site.js';
import { requireTopLevel } from '../toplevels/require-toplevel.js';
import { optionalText, requireName, toFlag } from '../shared/values.js';
import { loadCustomer, type Customer } from './customer.js';

export const DEFAULT_SITE_NAME = 'Main';

export interface CreateCustomerInput {
  name: string;
  toplevelId?: number | null | undefined;
  inactive?: boolean | undefined;
  isVip?: boolean | undefined;
  website?: string | null | undefined;
  notes?: string | null | undefined;
  firstSiteName?: string | null | undefined;
}

export async function createCustomer(ctx: Ctx, input: CreateCustomerInput): Promise<Customer> {
  requireAccess(ctx, 'customers', 'edit');
  const name = requireName(input.name);
  return withTx(ctx.db, async (tx) => {
    if (input.toplevelId != null) await requireTopLevel(tx, input.toplevelId);
    const now = isoNow(ctx);
    const { id } = await tx
      .insertInto('customers')
      .values({
        name,
        toplevel_id: input.toplevelId ?? null,
        inactive: toFlag(input.inactive ?? false),
        is_vip: toFlag(input.isVip ?? false),
        website: optionalText(input.website) ?? null,
        notes: optionalText(input.notes) ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const siteName = optionalText(input.firstSiteName) ?? DEFAULT_SITE_NAME;
    const siteId = await insertSite(tx, { customerId: id, name: siteName }, now);
    await tx.updateTable('customers').set({ main_site_id: siteId }).where('id', '=', id).execute();
    return loadCustomer(tx, id);
  });
}
