// Licences: for each mapped tenant, read its licences — concurrently, within the instance's request limit —
// and emit them page by page along the tenant listing. With the unmapped policy "create customer", the
// customers import maps every tenant it creates (the framework reloads mappings per entity), so their
// licences follow in the same run; with "skip", unmapped tenants cost no requests. A licence no longer reported is
// expired by the framework's sweep after a complete read; nothing is deleted.
import { AppError, isAppError } from '../../../core/errors.js';
import type { ConnectorContext, EntitySync, ExternalLicence, SyncPage } from '../../framework/contract.js';
import { sophosClient, type SophosClient } from '../client.js';
import type { SophosConfig } from '../manifest.js';
import { licenceToExternal, tenantDisplayName } from '../mappers.js';
import type { SophosTenant } from '../types.js';
import { NO_CURSOR, SophosCursorSchema, type SophosCursor } from './cursor.js';

/** The tenants of a page whose licences should be read: those mapped to a customer or site. */
export function tenantsForLicences(
  tenants: readonly SophosTenant[],
  mappedIds: ReadonlySet<string>,
): SophosTenant[] {
  return tenants.filter((t) => mappedIds.has(t.id.toLowerCase()));
}

type TenantResult =
  { ok: true; licences: ExternalLicence[] } | { ok: false; tenant: SophosTenant; error: AppError };

async function readTenant(client: SophosClient, tenant: SophosTenant): Promise<TenantResult> {
  try {
    const licences = await client.licences(tenant.id);
    return { ok: true, licences: licences.map((l) => licenceToExternal(tenant.id, l)) };
  } catch (e) {
    // A 403 for one tenant (a term customer without Partner Assistance, a trial; vendor-apis §1.5) must not
    // stop the others; anything else (auth, network, rate limit past the budget) fails the read.
    if (isAppError(e) && e.code === 'VENDOR_FORBIDDEN') return { ok: false, tenant, error: e };
    throw e;
  }
}

interface LoadedPage {
  last: boolean;
  skipped: number;
  tenants: number;
  results: TenantResult[];
}

async function* licencePages(
  ctx: ConnectorContext<SophosConfig>,
  previous: SophosCursor,
): AsyncGenerator<SyncPage<ExternalLicence, SophosCursor>> {
  const client = sophosClient(ctx);
  const mapped = new Set(
    ctx.mappings.filter((m) => m.target.kind !== 'agent').map((m) => m.externalId.toLowerCase()),
  );
  const tenantPages = client.tenantPages();
  const load = async (): Promise<LoadedPage | undefined> => {
    const next = await tenantPages.next();
    if (next.done) return undefined;
    const wanted = tenantsForLicences(next.value.tenants, mapped);
    // All of the page's tenants at once: the client's semaphore keeps `concurrency` requests in flight.
    const results = await Promise.all(wanted.map((t) => readTenant(client, t)));
    return { last: next.value.last, skipped: next.value.skipped, tenants: wanted.length, results };
  };
  const refused: TenantResult[] = [];
  let tenantsRead = 0;
  let skipped = 0;
  let records = 0;
  let pending: Promise<LoadedPage | undefined> | undefined = load();
  while (pending) {
    const page: LoadedPage | undefined = await pending;
    if (!page) break;
    // Read the next page's licences while the framework commits this one (the rate limit keeps ticking).
    pending = page.last ? undefined : load();
    pending?.catch(() => undefined); // surfaced when awaited
    skipped += page.skipped;
    const licences = page.results.flatMap((r) => (r.ok ? r.licences : []));
    refused.push(...page.results.filter((r) => !r.ok));
    tenantsRead += page.tenants;
    records += licences.length;
    ctx.progress('licences', records);
    yield {
      records: licences,
      cursor:
        page.last && refused.length === 0
          ? { lastComplete: { tenants: tenantsRead, skippedWithoutApiHost: skipped, records } }
          : previous,
    };
  }
  if (refused.length > 0) {
    // Their licences were not read, so the read is incomplete: failing now keeps the sweep from expiring them.
    const names = refused.map((r) => (r.ok ? '' : tenantDisplayName(r.tenant))).slice(0, 5);
    throw new AppError(
      'SOPHOS_LICENCES_REFUSED',
      'vendor',
      `Sophos refused the licences of ${refused.length} tenant(s) (403): ${names.join(', ')}${refused.length > names.length ? ', …' : ''}. Grant API access (Partner Assistance) or remove their mappings.`,
    );
  }
}

export const licencesSync: EntitySync<SophosConfig, 'licences', SophosCursor> = {
  entity: 'licences',
  recordType: 'licence',
  cursorSchema: SophosCursorSchema,
  read(ctx, cursor) {
    return Promise.resolve({
      mode: 'full',
      reason: "Sophos Central returns each tenant's licences in full",
      pages: licencePages(ctx, cursor ?? NO_CURSOR),
    });
  },
};
