// Partially updates an end user. A new site_id moves the user (and its customer follows the site); a new
// client_id alone moves the user to that customer's main site.
import { withTx } from '../../db/transaction.js';
import { isoNow, requireAccess, type Ctx } from '../context.js';
import { definedOnly, optionalText, requireName, toFlag } from '../shared/values.js';
import type { EndUserFields } from './create-end-user.js';
import { loadEndUser, type EndUser } from './end-user.js';
import { resolvePlacement } from './placement.js';

export interface UpdateEndUserInput extends EndUserFields {
  id: number;
  name?: string | undefined;
  siteId?: number | undefined;
  customerId?: number | undefined;
}

export async function updateEndUser(ctx: Ctx, input: UpdateEndUserInput): Promise<EndUser> {
  requireAccess(ctx, 'customers', 'edit');
  return withTx(ctx.db, async (tx) => {
    const current = await loadEndUser(tx, input.id);
    let place: { customerId: number; siteId: number } | undefined;
    if (input.siteId !== undefined && input.siteId !== current.siteId) {
      place = await resolvePlacement(tx, input.siteId, input.customerId);
    } else if (input.customerId !== undefined && input.customerId !== current.customerId) {
      place = await resolvePlacement(tx, undefined, input.customerId);
    }
    const changes = definedOnly({
      name: input.name === undefined ? undefined : requireName(input.name),
      customer_id: place?.customerId,
      site_id: place?.siteId,
      firstname: optionalText(input.firstname),
      surname: optionalText(input.surname),
      email: optionalText(input.email),
      phone: optionalText(input.phone),
      mobile: optionalText(input.mobile),
      title: optionalText(input.title),
      department: optionalText(input.department),
      login: optionalText(input.login),
      notes: optionalText(input.notes),
      inactive: input.inactive === undefined ? undefined : toFlag(input.inactive),
    });
    if (Object.keys(changes).length > 0) {
      await tx
        .updateTable('end_users')
        .set({ ...changes, updated_at: isoNow(ctx) })
        .where('id', '=', input.id)
        .execute();
    }
    return loadEndUser(tx, input.id);
  });
}
