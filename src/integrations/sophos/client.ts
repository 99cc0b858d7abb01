// The only file of the Sophos connector that does I/O. One client per run/check: token (cached, refreshed
// once on a 401, by the kit), whoami, tenant listings for partner (X-Partner-ID) and organization
// (X-Organization-ID) callers — a tenant credential is its own single tenant — and licences per tenant with
// X-Tenant-ID on the global host (vendor-apis §1.4). Tenants without an apiHost are skipped and counted.
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../core/errors.js';
import { HttpClient } from '../kit/http-client.js';
import type { SophosConfig } from './manifest.js';
import { hasApiHost } from './mappers.js';
import {
  LicencesResponseSchema,
  TenantPageSchema,
  WhoamiSchema,
  type SophosLicence,
  type SophosTenant,
  type Whoami,
} from './types.js';

export interface SophosClientOptions {
  config: SophosConfig;
  log: FastifyBaseLogger;
  signal?: AbortSignal;
  /** Values to mask in errors besides the client secret (the instance's other secrets). */
  secrets?: readonly string[];
  /** Overrides of the kit's retry policy (tests). */
  retry?: ConstructorParameters<typeof HttpClient>[0]['retry'];
}

/** One listing page after skipping tenants without an apiHost. */
export interface TenantPage {
  page: number;
  /** Readable tenants of this page, in listing order. */
  tenants: SophosTenant[];
  /** Tenants of this page skipped because they have no apiHost. */
  skipped: number;
  /** Tenant count of the whole listing when Sophos reports it (pageTotal=true). */
  totalItems?: number;
  last: boolean;
}

const SCOPE_HEADER = { partner: 'X-Partner-ID', organization: 'X-Organization-ID' } as const;
const LISTING_PATH = { partner: '/partner/v1/tenants', organization: '/organization/v1/tenants' } as const;

export class SophosClient {
  readonly http: HttpClient;
  private me: Promise<Whoami> | undefined;

  constructor(private readonly o: SophosClientOptions) {
    const { config } = o;
    const insecure = [config.idUrl, config.apiUrl].filter((u) => /^http:\/\//i.test(u));
    if (insecure.length > 0) {
      // Only reachable with allowInsecureHttp (the schema refuses http otherwise): say so every time.
      o.log.warn(
        { urls: insecure },
        'Sophos connector uses plain http (allowInsecureHttp is on): credentials and data travel unencrypted',
      );
    }
    this.http = new HttpClient({
      baseUrl: config.apiUrl,
      auth: {
        tokenUrl: `${config.idUrl}/api/v2/oauth2/token`,
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        scope: 'token',
      },
      concurrency: config.concurrency,
      ...(o.signal ? { signal: o.signal } : {}),
      secrets: [...(o.secrets ?? [])],
      ...(o.retry ? { retry: o.retry } : {}),
    });
  }

  /** Who the credential is (partner, organization or tenant); asked once per client. */
  whoami(): Promise<Whoami> {
    this.me ??= this.http.getJson('/whoami/v1', WhoamiSchema, {
      what: 'identifying the Sophos credential (whoami)',
    });
    this.me.catch(() => (this.me = undefined)); // a failed whoami is asked again next time
    return this.me;
  }

  /** Tenants page by page. The next page is requested while the caller works on the current one. */
  async *tenantPages(): AsyncGenerator<TenantPage> {
    const me = await this.whoami();
    if (me.idType === 'tenant') {
      yield this.selfAsTenant(me);
      return;
    }
    let firstTotal: number | undefined;
    let next: Promise<TenantPage> | undefined = this.listingPage(me, 1);
    for (let n = 1; next; n++) {
      const page: TenantPage = await next;
      next = undefined;
      firstTotal ??= page.totalItems;
      if (page.totalItems !== undefined && page.totalItems !== firstTotal) {
        // Number paging over a list that changed shifts items between pages: the read may have missed some,
        // so it must not count as complete (reliability §4 #10). A rerun reads a stable list.
        throw new AppError(
          'SOPHOS_LISTING_CHANGED',
          'transient',
          `The Sophos tenant list changed while it was read (${firstTotal} → ${page.totalItems} tenants); run again`,
        );
      }
      if (!page.last) {
        next = this.listingPage(me, n + 1);
        next.catch(() => undefined); // surfaced when awaited; never an unhandled rejection
      }
      yield page;
    }
  }

  /** Licences of one tenant (not paged), on the global host with X-Tenant-ID. */
  async licences(tenantId: string): Promise<SophosLicence[]> {
    const body = await this.http.getJson('/licenses/v1/licenses', LicencesResponseSchema, {
      headers: { 'X-Tenant-ID': tenantId },
      what: `reading the licences of Sophos tenant ${tenantId}`,
    });
    return body.licenses;
  }

  private async listingPage(me: Whoami, page: number): Promise<TenantPage> {
    const kind = me.idType === 'organization' ? 'organization' : 'partner';
    const pageSize = this.o.config.pageSize;
    const body = await this.http.getJson(LISTING_PATH[kind], TenantPageSchema, {
      query: { pageTotal: true, page, pageSize },
      headers: { [SCOPE_HEADER[kind]]: me.id },
      what: `listing Sophos tenants (page ${page})`,
    });
    const tenants = body.items.filter(hasApiHost);
    const total = body.pages.total;
    // With pageTotal=true Sophos reports the page count; without it a short page is the last one.
    const last =
      body.items.length === 0 || (total !== undefined ? page >= total : body.items.length < pageSize);
    return {
      page,
      tenants,
      skipped: body.items.length - tenants.length,
      ...(body.pages.items !== undefined ? { totalItems: body.pages.items } : {}),
      last,
    };
  }

  /** A tenant credential sees only itself; Sophos does not return its name, so the config may give one. */
  private selfAsTenant(me: Whoami): TenantPage {
    const name = this.o.config.tenantName ?? `Sophos tenant ${me.id}`;
    const tenant: SophosTenant = {
      id: me.id,
      name,
      ...(me.apiHosts.dataRegion ? { apiHost: me.apiHosts.dataRegion } : {}),
    };
    const readable = hasApiHost(tenant);
    return {
      page: 1,
      tenants: readable ? [tenant] : [],
      skipped: readable ? 0 : 1,
      totalItems: 1,
      last: true,
    };
  }
}

/** The client for one run or check of an instance. */
export function sophosClient(
  ctx: { config: SophosConfig; log: FastifyBaseLogger; signal: AbortSignal; secretValues: readonly string[] },
  retry?: SophosClientOptions['retry'],
): SophosClient {
  return new SophosClient({
    config: ctx.config,
    log: ctx.log,
    signal: ctx.signal,
    secrets: ctx.secretValues,
    ...(retry ? { retry } : {}),
  });
}
