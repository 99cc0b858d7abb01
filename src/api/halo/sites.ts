// /api/Site: a client's sites (halo-api.md §3.2). Paged list with the `sites` wrapper; DELETE deactivates.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { mapPage } from '../../core/shared/list.js';
import { createSite } from '../../core/sites/create-site.js';
import { deleteSite } from '../../core/sites/delete-site.js';
import { getSite } from '../../core/sites/get-site.js';
import { listSites } from '../../core/sites/list-sites.js';
import { presentSite } from '../../core/sites/presenter.js';
import { updateSite } from '../../core/sites/update-site.js';
import { invalidInput } from '../../core/errors.js';
import { listQuery } from './list-query.js';
import { bodyBool, bodyId, bodyInt, bodyText, ignoredPostFlags, queryInt } from './params.js';
import { registerResource } from './resource.js';

const siteListQuery = listQuery.extend({
  client_id: queryInt.optional().describe('only sites of this client'),
  toplevel_id: queryInt.optional().describe('only sites of clients under this top level'),
  site_id: queryInt.optional().describe('only this site'),
});

const address = z.object({
  line1: bodyText.optional(),
  line2: bodyText.optional(),
  line3: bodyText.optional().describe('city'),
  line4: bodyText.optional().describe('country'),
  postcode: bodyText.optional(),
});

const siteElement = z.object({
  id: bodyId,
  name: z.string({ error: 'must be a string' }).optional(),
  client_id: bodyInt.optional(),
  inactive: bodyBool.optional(),
  phonenumber: bodyText.optional(),
  timezone: bodyText.optional(),
  notes: bodyText.optional(),
  delivery_address: address.nullable().optional(),
  ...ignoredPostFlags,
});

export async function siteRoutes(app: FastifyInstance): Promise<void> {
  registerResource(app, {
    path: '/Site',
    tag: 'Site',
    list: {
      query: siteListQuery,
      reply: { kind: 'wrapper', key: 'sites' },
      summary: 'List sites (wrapper {page_no, page_size, record_count, sites})',
      run: async (ctx, req, q) =>
        mapPage(
          await listSites(ctx, {
            ...req.options,
            customerId: q.client_id,
            toplevelId: q.toplevel_id,
            ids: q.site_id === undefined ? undefined : [q.site_id],
          }),
          presentSite,
        ),
    },
    get: { run: async (ctx, id) => presentSite(await getSite(ctx, id)) },
    save: {
      element: siteElement,
      run: async (ctx, el) => {
        const a = el.delivery_address;
        const fields = {
          name: el.name,
          inactive: el.inactive,
          phone: el.phonenumber,
          timezone: el.timezone,
          notes: el.notes,
          address: a
            ? { line1: a.line1, line2: a.line2, city: a.line3, postcode: a.postcode, country: a.line4 }
            : undefined,
        };
        if (el.id !== undefined)
          return presentSite(await updateSite(ctx, { ...fields, id: el.id, customerId: el.client_id }));
        if (el.client_id === undefined)
          throw invalidInput('client_id is required to create a site', [
            { field: 'client_id', message: 'is required' },
          ]);
        return presentSite(
          await createSite(ctx, { ...fields, name: el.name ?? '', customerId: el.client_id }),
        );
      },
    },
    remove: {
      summary: 'Deactivate a site (soft delete)',
      run: async (ctx, id) => presentSite(await deleteSite(ctx, id)),
    },
  });
}
