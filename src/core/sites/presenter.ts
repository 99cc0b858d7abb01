// Site → Halo "Site" wire shape (halo-api.md §3.2). The address maps onto Halo's delivery_address lines:
// line1, line2, line3 = city, line4 = country, postcode.
import type { Site } from './site.js';

export interface HaloAddress {
  line1: string | null;
  line2: string | null;
  line3: string | null;
  line4: string | null;
  postcode: string | null;
}

export interface HaloSite {
  id: number;
  name: string;
  client_id: number;
  client_name: string;
  clientsite_name: string;
  inactive: boolean;
  phonenumber: string | null;
  timezone: string | null;
  notes: string | null;
  delivery_address: HaloAddress;
  datecreated: string;
  last_update: string;
}

export function presentSite(s: Site): HaloSite {
  return {
    id: s.id,
    name: s.name,
    client_id: s.customerId,
    client_name: s.customerName,
    clientsite_name: `${s.customerName}/${s.name}`,
    inactive: s.inactive,
    phonenumber: s.phone,
    timezone: s.timezone,
    notes: s.notes,
    delivery_address: {
      line1: s.address.line1,
      line2: s.address.line2,
      line3: s.address.city,
      line4: s.address.country,
      postcode: s.address.postcode,
    },
    datecreated: s.createdAt,
    last_update: s.updatedAt,
  };
}
