// /api/Client: customers (halo-api.md §3.1). Paged list with the `clients` wrapper; DELETE deactivates.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createCustomer } from '../../core/customers/create-customer.js';
import { deleteCustomer } from '../../core/customers/delete-customer.js';
import { getCustomer } from '../../core/customers/get-customer.js';
import { listCustomers } from '../../core/customers/list-customers.js';
import { presentClient } from '../../core/customers/presenter.js';
import { updateCustomer } from '../../core/customers/update-customer.js';
import { mapPage } from '../../core/shared/list.js';
import { listQuery } from './list-query.js';
import { bodyBool, bodyId, bodyRef, bodyText, ignoredPostFlags, queryInt } from './params.js';
import { registerResource } from './resource.js';

const clientListQuery = listQuery.extend({
  toplevel_id: queryInt.optional().describe('only clients under this top level'),
});

const clientElement = z.object({
  id: bodyId,
  name: z.string({ error: 'must be a string' }).optional(),
  toplevel_id: bodyRef.optional(),
  inactive: bodyBool.optional(),
  is_vip: bodyBool.optional(),
  website: bodyText.optional(),
  notes: bodyText.optional(),
  main_site_id: bodyRef.optional(),
  newclient_sitename: bodyText
    .optional()
    .describe('name of the first site, created with the client (default "Main")'),
  ...ignoredPostFlags,
});

export async function clientRoutes(app: FastifyInstance): Promise<void> {
  registerResource(app, {
    path: '/Client',
    tag: 'Client',
    list: {
      query: clientListQuery,
      reply: { kind: 'wrapper', key: 'clients' },
      summary: 'List clients (wrapper {page_no, page_size, record_count, clients})',
      run: async (ctx, req, q) =>
        mapPage(await listCustomers(ctx, { ...req.options, toplevelId: q.toplevel_id }), presentClient),
    },
    get: { run: async (ctx, id) => presentClient(await getCustomer(ctx, id)) },
    save: {
      element: clientElement,
      run: async (ctx, el) => {
        const fields = {
          toplevelId: el.toplevel_id,
          inactive: el.inactive,
          isVip: el.is_vip,
          website: el.website,
          notes: el.notes,
        };
        if (el.id === undefined) {
          return presentClient(
            await createCustomer(ctx, {
              ...fields,
              name: el.name ?? '',
              firstSiteName: el.newclient_sitename,
            }),
          );
        }
        return presentClient(
          await updateCustomer(ctx, {
            ...fields,
            id: el.id,
            name: el.name,
            mainSiteId: el.main_site_id ?? undefined,
          }),
        );
      },
    },
    remove: {
      summary: 'Deactivate a client (soft delete: records that reference it stay intact)',
      run: async (ctx, id) => presentClient(await deleteCustomer(ctx, id)),
    },
  });
}
