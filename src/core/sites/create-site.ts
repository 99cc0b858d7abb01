// Creates a site under an existing customer. A customer that has no main site yet gets this one.
import { withTx } from '../../db/transaction.js';
import { isoNow, requireAccess, type Ctx } from '../context.js';
import { optionalText, requireName } from '../shared/values.js';
import { insertSite } from './insert-site.js';
import { requireCustomer } from './require-customer.js';
import { loadSite, type Site, type SiteAddressInput } from './site.js';

export interface CreateSiteInput {
  customerId: number;
  name: string;
  inactive?: boolean | undefined;
  phone?: string | null | undefined;
  timezone?: string | null | undefined;
  notes?: string | null | undefined;
  address?: SiteAddressInput | undefined;
}

export async function createSite(ctx: Ctx, input: CreateSiteInput): Promise<Site> {
  requireAccess(ctx, 'customers', 'edit');
  const name = requireName(input.name);
  return withTx(ctx.db, async (tx) => {
    const customer = await requireCustomer(tx, input.customerId);
    const now = isoNow(ctx);
    const id = await insertSite(
      tx,
      {
        customerId: input.customerId,
        name,
        inactive: input.inactive,
        phone: optionalText(input.phone),
        timezone: optionalText(input.timezone),
        notes: optionalText(input.notes),
        addressLine1: optionalText(input.address?.line1),
        addressLine2: optionalText(input.address?.line2),
        addressCity: optionalText(input.address?.city),
        addressPostcode: optionalText(input.address?.postcode),
        addressCountry: optionalText(input.address?.country),
      },
      now,
    );
    if (customer.mainSiteId === null) {
      await tx
        .updateTable('customers')
        .set({ main_site_id: id, updated_at: now })
        .where('id', '=', customer.id)
        .execute();
    }
    return loadSite(tx, id);
  });
}
