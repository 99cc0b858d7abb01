// Customers: every readable Sophos tenant becomes an ExternalCustomer (id = tenant id). A full read each
// time; the framework sweeps tenants no longer listed, through the deletion guard.
import type { ConnectorContext, EntitySync, SyncPage } from '../../framework/contract.js';
import type { ExternalCustomer } from '../../framework/contract.js';
import { sophosClient } from '../client.js';
import type { SophosConfig } from '../manifest.js';
import { tenantToCustomer } from '../mappers.js';
import { NO_CURSOR, SophosCursorSchema, type SophosCursor } from './cursor.js';

async function* customerPages(
  ctx: ConnectorContext<SophosConfig>,
  previous: SophosCursor,
): AsyncGenerator<SyncPage<ExternalCustomer, SophosCursor>> {
  const client = sophosClient(ctx);
  let done = 0;
  let skipped = 0;
  for await (const page of client.tenantPages()) {
    done += page.tenants.length;
    skipped += page.skipped;
    const total = page.totalItems === undefined ? undefined : page.totalItems - skipped;
    ctx.progress('customers', done, total);
    if (page.last && skipped > 0)
      ctx.log.warn(
        { skipped },
        `Skipped ${skipped} Sophos tenant(s) without an apiHost (not provisioned for API access)`,
      );
    yield {
      records: page.tenants.map(tenantToCustomer),
      cursor: page.last
        ? { lastComplete: { tenants: done, skippedWithoutApiHost: skipped, records: done } }
        : previous,
      ...(total !== undefined ? { total } : {}),
    };
  }
}

export const customersSync: EntitySync<SophosConfig, 'customers', SophosCursor> = {
  entity: 'customers',
  recordType: 'customer',
  cursorSchema: SophosCursorSchema,
  read(ctx, cursor) {
    return Promise.resolve({
      mode: 'full',
      reason: 'Sophos Central has no change feed: tenants are listed in full',
      pages: customerPages(ctx, cursor ?? NO_CURSOR),
    });
  },
};
