// Where an end user lives: a site, and the customer derived from it. Given only a customer, the user goes to
// that customer's main site (Halo always needs a site for a user).
import type { Db, Tx } from '../../db/transaction.js';
import { invalidInput } from '../errors.js';

export interface Placement {
  customerId: number;
  siteId: number;
}

export async function resolvePlacement(
  db: Db | Tx,
  siteId: number | undefined,
  customerId: number | undefined,
): Promise<Placement> {
  if (siteId !== undefined) {
    const site = await db
      .selectFrom('sites')
      .select(['id', 'customer_id'])
      .where('id', '=', siteId)
      .executeTakeFirst();
    if (!site)
      throw invalidInput(`Site ${siteId} does not exist`, [
        { field: 'site_id', message: `no site with id ${siteId}` },
      ]);
    if (customerId !== undefined && customerId !== site.customer_id) {
      throw invalidInput(`Site ${siteId} does not belong to client ${customerId}`, [
        {
          field: 'site_id',
          message: `site ${siteId} belongs to client ${site.customer_id}, not ${customerId}`,
        },
      ]);
    }
    return { customerId: site.customer_id, siteId: site.id };
  }
  if (customerId !== undefined) {
    const c = await db
      .selectFrom('customers')
      .select(['id', 'main_site_id'])
      .where('id', '=', customerId)
      .executeTakeFirst();
    if (!c)
      throw invalidInput(`Client ${customerId} does not exist`, [
        { field: 'client_id', message: `no client with id ${customerId}` },
      ]);
    if (c.main_site_id === null) {
      throw invalidInput(`Client ${customerId} has no main site`, [
        { field: 'client_id', message: 'the client has no main site; give site_id' },
      ]);
    }
    return { customerId: c.id, siteId: c.main_site_id };
  }
  throw invalidInput('A user needs a site_id or a client_id', [
    { field: 'site_id', message: 'site_id or client_id is required' },
  ]);
}

/** A display name from the parts when none was given ("Ada Lovelace"). */
export function composeName(
  name: string | null | undefined,
  firstname: string | null | undefined,
  surname: string | null | undefined,
): string {
  const n = name?.trim();
  if (n) return n;
  return [firstname?.trim(), surname?.trim()].filter(Boolean).join(' ');
}
