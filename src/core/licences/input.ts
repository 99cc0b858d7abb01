// What a licence (subscription) create or update accepts, in Halo field names (SoftwareLicence, §3.10).
export interface LicenceInput {
  name?: string | undefined;
  /** As the vendor reports it: subscription, term, trial, perpetual, usage … (Halo sends an int or text). */
  type?: string | null | undefined;
  /** Seats purchased (Halo `count`). */
  count?: number | null | undefined;
  /** Seats used (Halo `licences_in_use`). */
  licences_in_use?: number | null | undefined;
  client_id?: number | null | undefined;
  site_id?: number | null | undefined;
  start_date?: string | null | undefined;
  end_date?: string | null | undefined;
  vendor?: string | null | undefined;
  /** Product code (Halo `product_sku`). */
  product_sku?: string | null | undefined;
  /** active | expired | cancelled | suspended | trial */
  status?: string | undefined;
  notes?: string | null | undefined;
  inactive?: boolean | undefined;
}

export const LICENCE_STATUSES = ['active', 'expired', 'cancelled', 'suspended', 'trial'] as const;
