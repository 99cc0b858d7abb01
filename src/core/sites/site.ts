// The site (a customer's location) as the core sees it, loaded with its customer's name.
import type { Db, Tx } from '../../db/transaction.js';
import { notFound } from '../errors.js';
import { toBool } from '../shared/values.js';

export interface SiteAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
}

export interface Site {
  id: number;
  customerId: number;
  customerName: string;
  name: string;
  inactive: boolean;
  phone: string | null;
  timezone: string | null;
  notes: string | null;
  address: SiteAddress;
  createdAt: string;
  updatedAt: string;
}

export function selectSites(db: Db | Tx) {
  return db
    .selectFrom('sites as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .select([
      's.id',
      's.customer_id',
      'c.name as customer_name',
      's.name',
      's.inactive',
      's.phone',
      's.timezone',
      's.notes',
      's.address_line1',
      's.address_line2',
      's.address_city',
      's.address_postcode',
      's.address_country',
      's.created_at',
      's.updated_at',
    ]);
}

type SiteRow = Awaited<ReturnType<ReturnType<typeof selectSites>['executeTakeFirstOrThrow']>>;

export function toSite(r: SiteRow): Site {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    name: r.name,
    inactive: toBool(r.inactive),
    phone: r.phone,
    timezone: r.timezone,
    notes: r.notes,
    address: {
      line1: r.address_line1,
      line2: r.address_line2,
      city: r.address_city,
      postcode: r.address_postcode,
      country: r.address_country,
    },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function loadSite(db: Db | Tx, id: number): Promise<Site> {
  const row = await selectSites(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Site', id);
  return toSite(row);
}

/** Address fields for create/update: undefined = not given (unchanged), null = cleared. */
export type SiteAddressInput = { [K in keyof SiteAddress]?: SiteAddress[K] | undefined };
