// The Sophos Central connector's one configuration schema and static description. The client secret is
// marked secret (encrypted at rest, write-only in the API, masked in logs); plain http is accepted only
// behind `allowInsecureHttp`, which the client warns about at every start.
import { z } from 'zod';
import type { ConnectorManifest } from '../framework/contract.js';
import { secret } from '../framework/secret-field.js';

export const SOPHOS_ID_URL = 'https://id.sophos.com';
export const SOPHOS_API_URL = 'https://api.central.sophos.com';
/** Sophos lists tenants at most 100 per page (vendor-apis §1.3, `pages.maxSize`). */
export const SOPHOS_MAX_PAGE_SIZE = 100;

const baseUrl = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL')
  .transform((u) => u.replace(/\/+$/, ''));

export const SophosConfigSchema = z
  .object({
    /** API credential from Sophos Central > Global Settings > API Credentials Management. */
    clientId: z.string().trim().min(1).meta({
      title: 'Client ID',
      description:
        'From Sophos Central › Global Settings › API Credentials Management (Service Principal ReadOnly is enough).',
    }),
    // meta before secret(): the secret mark must stay on the schema the config object holds.
    clientSecret: secret(
      z
        .string()
        .min(1)
        .meta({ title: 'Client secret', description: 'Shown once when the API credential is created.' }),
    ),
    /** Token host (the token route is `${idUrl}/api/v2/oauth2/token`). */
    idUrl: baseUrl.default(SOPHOS_ID_URL).meta({
      title: 'Sophos ID URL',
      description: 'Where access tokens come from. Change it only for a test lab or proxy.',
    }),
    /** Global API host: whoami, tenant listings and licences. */
    apiUrl: baseUrl.default(SOPHOS_API_URL).meta({
      title: 'Sophos Central API URL',
      description: 'The global API host (whoami, tenants, licences). Change it only for a test lab or proxy.',
    }),
    /** Allow plain http base URLs (local fakes, test labs). Warned about at every start. */
    allowInsecureHttp: z.boolean().default(false).meta({
      title: 'Allow insecure HTTP',
      description: 'Accept plain http:// URLs (local fakes, test labs only). Warned about at every start.',
    }),
    /** Requests in flight at once for this instance. */
    concurrency: z.number().int().min(1).max(32).default(8).meta({
      title: 'Parallel requests',
      description: 'Requests in flight at once for this connection (1–32).',
    }),
    /** Tenants per listing page. */
    pageSize: z
      .number()
      .int()
      .min(1)
      .max(SOPHOS_MAX_PAGE_SIZE)
      .default(SOPHOS_MAX_PAGE_SIZE)
      .meta({
        title: 'Tenants per page',
        description: `How many tenants each listing request asks for (at most ${SOPHOS_MAX_PAGE_SIZE}).`,
      }),
    /** Name for the single tenant when the credential is tenant-level (Sophos does not return it). */
    tenantName: z.string().trim().min(1).max(200).optional().meta({
      title: 'Tenant name',
      description:
        'For a tenant-level credential only: the customer name to use (Sophos does not return it).',
    }),
  })
  .superRefine((c, ctx) => {
    if (c.allowInsecureHttp) return;
    for (const field of ['idUrl', 'apiUrl'] as const) {
      if (/^http:\/\//i.test(c[field])) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'must use https (set allowInsecureHttp to allow plain http)',
        });
      }
    }
  });

export type SophosConfig = z.output<typeof SophosConfigSchema>;

export const sophosManifest: ConnectorManifest<SophosConfig> = {
  id: 'sophos',
  displayName: 'Sophos Central',
  description:
    'Imports Sophos Central tenants as customers and their licences (partner, organization or tenant credentials).',
  version: '1.0.0',
  configSchema: SophosConfigSchema,
  entities: ['customers', 'licences'],
  defaultSchedule: '17 */6 * * *',
  containerLabel: 'Sophos tenant',
};
