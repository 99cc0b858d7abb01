// A licence in Halo's SoftwareLicence shape (§3.10 Licence_List): count = seats bought, licences_in_use =
// seats used, product_sku = the product code. `deleted` means deactivated here (nothing is removed).
import type { LicenceView } from './query.js';

export function presentLicence(l: LicenceView) {
  const available = l.quantity !== null && l.consumed !== null ? Math.max(0, l.quantity - l.consumed) : null;
  return {
    id: l.id,
    name: l.name,
    type: l.type,
    count: l.quantity,
    licences_in_use: l.consumed,
    licences_available: available,
    client_id: l.customer_id,
    client_name: l.client_name,
    site_id: l.site_id,
    site_name: l.site_name,
    start_date: l.start_date,
    end_date: l.end_date,
    vendor: l.vendor,
    manufacturer: l.vendor,
    product_sku: l.product_code,
    vendor_product_sku: l.product_code,
    status: l.status,
    is_active: l.inactive === 0 && l.status === 'active',
    deleted: l.inactive === 1,
    notes: l.notes,
    last_update: l.updated_at,
  };
}

export type LicenceWire = ReturnType<typeof presentLicence>;
