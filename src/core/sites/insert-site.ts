// The raw insert shared by create-site and create-customer (which always makes a first site). Callers
// check permissions and validate; this only writes.
import type { Tx } from '../../db/transaction.js';

export interface SiteValues {
  customerId: number;
  name: string;
  inactive?: boolean | undefined;
  phone?: string | null | undefined;
  timezone?: string | null | undefined;
  notes?: string | null | undefined;
  addressLine1?: string | null | undefined;
  addressLine2?: string | null | undefined;
  addressCity?: string | null | undefined;
  addressPostcode?: string | null | undefined;
  addressCountry?: string | null | undefined;
}

export async function insertSite(tx: Tx, v: SiteValues, nowIso: string): Promise<number> {
  const row = await tx
    .insertInto('sites')
    .values({
      customer_id: v.customerId,
      name: v.name,
      inactive: v.inactive ? 1 : 0,
      phone: v.phone ?? null,
      timezone: v.timezone ?? null,
      notes: v.notes ?? null,
      address_line1: v.addressLine1 ?? null,
      address_line2: v.addressLine2 ?? null,
      address_city: v.addressCity ?? null,
      address_postcode: v.addressPostcode ?? null,
      address_country: v.addressCountry ?? null,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
