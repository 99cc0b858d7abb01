// Customer → Halo "Client" wire shape (halo-api.md §3.1).
import type { Customer } from './customer.js';

export interface HaloClient {
  id: number;
  name: string;
  toplevel_id: number | null;
  toplevel_name: string | null;
  inactive: boolean;
  is_vip: boolean;
  website: string | null;
  notes: string | null;
  main_site_id: number | null;
  main_site_name: string | null;
  datecreated: string;
  last_update: string;
}

export function presentClient(c: Customer): HaloClient {
  return {
    id: c.id,
    name: c.name,
    toplevel_id: c.toplevelId,
    toplevel_name: c.toplevelName,
    inactive: c.inactive,
    is_vip: c.isVip,
    website: c.website,
    notes: c.notes,
    main_site_id: c.mainSiteId,
    main_site_name: c.mainSiteName,
    datecreated: c.createdAt,
    last_update: c.updatedAt,
  };
}
