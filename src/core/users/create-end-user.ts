// Creates an end user under a site (or a customer's main site).
import { withTx } from '../../db/transaction.js';
import { isoNow, requireAccess, type Ctx } from '../context.js';
import { optionalText, requireName, toFlag } from '../shared/values.js';
import { loadEndUser, type EndUser } from './end-user.js';
import { composeName, resolvePlacement } from './placement.js';

export interface EndUserFields {
  firstname?: string | null | undefined;
  surname?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  mobile?: string | null | undefined;
  title?: string | null | undefined;
  department?: string | null | undefined;
  login?: string | null | undefined;
  notes?: string | null | undefined;
  inactive?: boolean | undefined;
}

export interface CreateEndUserInput extends EndUserFields {
  name?: string | null | undefined;
  siteId?: number | undefined;
  customerId?: number | undefined;
}

export async function createEndUser(ctx: Ctx, input: CreateEndUserInput): Promise<EndUser> {
  requireAccess(ctx, 'customers', 'edit');
  const name = requireName(composeName(input.name, input.firstname, input.surname));
  return withTx(ctx.db, async (tx) => {
    const place = await resolvePlacement(tx, input.siteId, input.customerId);
    const now = isoNow(ctx);
    const { id } = await tx
      .insertInto('end_users')
      .values({
        customer_id: place.customerId,
        site_id: place.siteId,
        name,
        firstname: optionalText(input.firstname) ?? null,
        surname: optionalText(input.surname) ?? null,
        email: optionalText(input.email) ?? null,
        phone: optionalText(input.phone) ?? null,
        mobile: optionalText(input.mobile) ?? null,
        title: optionalText(input.title) ?? null,
        department: optionalText(input.department) ?? null,
        login: optionalText(input.login) ?? null,
        notes: optionalText(input.notes) ?? null,
        inactive: toFlag(input.inactive ?? false),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return loadEndUser(tx, id);
  });
}
