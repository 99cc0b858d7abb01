// Partially updates a site. A site stays with its customer: moving it would silently move its users,
// tickets and assets between customers, so a different client_id is refused.
import { withTx } from '../../db/transaction.js';
import { invalidInput } from '../errors.js';
import { isoNow, requireAccess, type Ctx } from '../context.js';
import { definedOnly, optionalText, requireName, toFlag } from '../shared/values.js';
import { loadSite, type Site, type SiteAddressInput } from './site.js';

export interface UpdateSiteInput {
  id: number;
  customerId?: number | undefined;
  name?: string | undefined;
  inactive?: boolean | undefined;
  phone?: string | null | undefined;
  timezone?: string | null | undefined;
  notes?: string | null | undefined;
  address?: SiteAddressInput | undefined;
}

export async function updateSite(ctx: Ctx, input: UpdateSiteInput): Promise<Site> {
  requireAccess(ctx, 'customers', 'edit');
  return withTx(ctx.db, async (tx) => {
    const current = await loadSite(tx, input.id);
    if (input.customerId !== undefined && input.customerId !== current.customerId) {
      throw invalidInput('A site cannot move to another client', [
        {
          field: 'client_id',
          message: `site ${input.id} belongs to client ${current.customerId}; create a new site instead`,
        },
      ]);
    }
    const a = input.address;
    const changes = definedOnly({
      name: input.name === undefined ? undefined : requireName(input.name),
      inactive: input.inactive === undefined ? undefined : toFlag(input.inactive),
      phone: optionalText(input.phone),
      timezone: optionalText(input.timezone),
      notes: optionalText(input.notes),
      address_line1: optionalText(a?.line1),
      address_line2: optionalText(a?.line2),
      address_city: optionalText(a?.city),
      address_postcode: optionalText(a?.postcode),
      address_country: optionalText(a?.country),
    });
    if (Object.keys(changes).length > 0) {
      await tx
        .updateTable('sites')
        .set({ ...changes, updated_at: isoNow(ctx) })
        .where('id', '=', input.id)
        .execute();
    }
    return loadSite(tx, input.id);
  });
}
