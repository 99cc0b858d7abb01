// /api/SoftwareLicence (halo-api.md §3.10): licences and subscriptions. The list wrapper key is `licences`
// (what the HaloAPI PowerShell module reads; the Python SDK's `softwarelicences` is unconfirmed either way,
// see README). POST creates/updates; DELETE deactivates. Area: softwarelicensing.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { LicenceInput } from '../../core/licences/input.js';
import { getLicence } from '../../core/licences/get-licence.js';
import { listLicences } from '../../core/licences/list-licences.js';
import { createLicence, deleteLicence, updateLicence } from '../../core/licences/save-licence.js';
import { listQuery } from './list-query.js';
import { bodyBool, bodyId, bodyRef, bodyText, ignoredPostFlags, queryInt } from './params.js';
import { registerResource } from './resource.js';

export const LICENCE_LIST_KEY = 'licences';

const licenceListQuery = listQuery.extend({
  client_id: queryInt.optional(),
  site_id: queryInt.optional(),
  toplevelid: queryInt.optional(),
  toplevel_id: queryInt.optional(),
  licence_type: z.string().optional(),
  vendor: z.string().optional(),
});

const seats = z.number({ error: 'must be a number' }).int('must be a whole number').nullable();

const licenceElement = z.object({
  id: bodyId,
  name: z.string({ error: 'must be a string' }).optional(),
  type: z
    .union([z.string(), z.number().transform(String), z.null()], { error: 'must be a string or number' })
    .optional(),
  count: seats.optional(),
  licences_in_use: seats.optional(),
  client_id: bodyRef.optional(),
  site_id: bodyRef.optional(),
  start_date: bodyText.optional(),
  end_date: bodyText.optional(),
  vendor: bodyText.optional(),
  manufacturer: bodyText.optional().describe('alias of vendor'),
  product_sku: bodyText.optional(),
  vendor_product_sku: bodyText.optional().describe('alias of product_sku'),
  status: z.string({ error: 'must be a string' }).optional(),
  is_active: bodyBool.optional().describe('false deactivates'),
  notes: bodyText.optional(),
  ...ignoredPostFlags,
});
type LicenceElement = z.output<typeof licenceElement>;

function licenceInputOf(el: LicenceElement): LicenceInput {
  const { id: _id, manufacturer, vendor_product_sku, is_active, ...rest } = el;
  const input: LicenceInput = {};
  for (const [k, v] of Object.entries(rest))
    if (v !== undefined && !(k in ignoredPostFlags)) (input as Record<string, unknown>)[k] = v;
  if (input.vendor === undefined && manufacturer !== undefined) input.vendor = manufacturer;
  if (input.product_sku === undefined && vendor_product_sku !== undefined)
    input.product_sku = vendor_product_sku;
  if (is_active !== undefined) input.inactive = !is_active;
  return input;
}

export async function licenceRoutes(app: FastifyInstance): Promise<void> {
  registerResource(app, {
    path: '/SoftwareLicence',
    tag: 'SoftwareLicence',
    list: {
      query: licenceListQuery,
      reply: { kind: 'wrapper', key: LICENCE_LIST_KEY },
      summary: 'List licences/subscriptions (wrapper {page_no, page_size, record_count, licences})',
      run: (ctx, req, q) =>
        listLicences(
          ctx,
          {
            client_id: q.client_id,
            site_id: q.site_id,
            toplevel_id: q.toplevelid ?? q.toplevel_id,
            licence_type: q.licence_type,
            vendor: q.vendor,
          },
          req.options,
        ),
    },
    get: { run: (ctx, id) => getLicence(ctx, id) },
    save: {
      element: licenceElement,
      run: (ctx, el) =>
        el.id === undefined
          ? createLicence(ctx, licenceInputOf(el))
          : updateLicence(ctx, el.id, licenceInputOf(el)),
    },
    remove: { summary: 'Deactivate a licence (soft delete)', run: (ctx, id) => deleteLicence(ctx, id) },
  });
}
