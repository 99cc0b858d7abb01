// Zod schemas of the Sophos Central payloads the connector reads (vendor-apis §1). Only what we use is
// required; everything the reference marks optional or inferred stays optional, so a field Sophos omits
// does not fail a sync. Unknown fields are dropped.
import { z } from 'zod';

export const SophosTokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().optional(),
});

export const SophosIdTypeSchema = z.enum(['partner', 'organization', 'tenant']);
export type SophosIdType = z.infer<typeof SophosIdTypeSchema>;

/** GET /whoami/v1 (§1.2): dataRegion only for tenant callers. */
export const WhoamiSchema = z.object({
  id: z.string().min(1),
  idType: SophosIdTypeSchema,
  apiHosts: z.object({ global: z.string().optional(), dataRegion: z.string().optional() }).default({}),
});
export type Whoami = z.infer<typeof WhoamiSchema>;

/** One tenant of a partner or organization listing (§1.3). */
export const TenantSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  showAs: z.string().optional(),
  dataGeography: z.string().optional(),
  dataRegion: z.string().optional(),
  billingType: z.string().optional(),
  apiHost: z.string().optional(),
  status: z.string().optional(),
});
export type SophosTenant = z.infer<typeof TenantSchema>;

/** `pages` of a number-paged listing; total and items only with pageTotal=true (§1.3). */
export const PagesSchema = z.object({
  current: z.number().int(),
  size: z.number().int().optional(),
  total: z.number().int().optional(),
  items: z.number().int().optional(),
  maxSize: z.number().int().optional(),
});

export const TenantPageSchema = z.object({
  items: z.array(TenantSchema),
  pages: PagesSchema,
});
export type SophosTenantPage = z.infer<typeof TenantPageSchema>;

/** One licence (§1.4). endDate, quantity and usage are absent on perpetual or unlimited licences. */
export const LicenceSchema = z.object({
  id: z.string().min(1),
  licenseIdentifier: z.string().optional(),
  product: z
    .object({ code: z.string().optional(), name: z.string().optional(), genericCode: z.string().optional() })
    .default({}),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  perpetual: z.boolean().optional(),
  type: z.string().optional(),
  quantity: z.number().optional(),
  unlimited: z.boolean().optional(),
  usage: z.object({ current: z.object({ count: z.number().optional() }).optional() }).optional(),
});
export type SophosLicence = z.infer<typeof LicenceSchema>;

/** GET /licenses/v1/licenses with X-Tenant-ID (§1.4): not paged. */
export const LicencesResponseSchema = z.object({
  tenant: z.object({ id: z.string() }).optional(),
  licenses: z.array(LicenceSchema),
});
