// End user → Halo "Users" wire shape (halo-api.md §3.3).
import type { EndUser } from './end-user.js';

export interface HaloUser {
  id: number;
  name: string;
  firstname: string | null;
  surname: string | null;
  site_id: number;
  site_id_int: number;
  site_name: string;
  client_id: number;
  client_name: string;
  emailaddress: string | null;
  phonenumber: string | null;
  mobilenumber: string | null;
  login: string | null;
  networklogin: string | null;
  title: string | null;
  department: string | null;
  notes: string | null;
  inactive: boolean;
  datecreated: string;
  last_update: string;
}

export function presentUser(u: EndUser): HaloUser {
  return {
    id: u.id,
    name: u.name,
    firstname: u.firstname,
    surname: u.surname,
    site_id: u.siteId,
    site_id_int: u.siteId,
    site_name: u.siteName,
    client_id: u.customerId,
    client_name: u.customerName,
    emailaddress: u.email,
    phonenumber: u.phone,
    mobilenumber: u.mobile,
    login: u.login,
    networklogin: u.login,
    title: u.title,
    department: u.department,
    notes: u.notes,
    inactive: u.inactive,
    datecreated: u.createdAt,
    last_update: u.updatedAt,
  };
}
