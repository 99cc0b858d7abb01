// /api/Asset (halo-api.md §3.8): wrapper `assets`; POST creates/updates (array); DELETE deactivates.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AssetInput } from '../../core/assets/input.js';
import { getAsset } from '../../core/assets/get-asset.js';
import { listAssets } from '../../core/assets/list-assets.js';
import { createAsset, deleteAsset, updateAsset } from '../../core/assets/save-asset.js';
import { listQuery } from './list-query.js';
import {
  bodyBool,
  bodyId,
  bodyInt,
  bodyRef,
  bodyText,
  ignoredPostFlags,
  queryBool,
  queryInt,
  queryIntList,
} from './params.js';
import { registerResource } from './resource.js';

const assetListQuery = listQuery.extend({
  client_id: queryInt.optional(),
  site_id: queryInt.optional(),
  user_id: queryInt.optional(),
  assettype_id: queryInt.optional(),
  assettypes: queryIntList.optional().describe('comma-separated asset type ids'),
  inventory_number: z.string().optional().describe('exact asset tag'),
  search_inventory_number_only: queryBool.optional(),
  includecolumns: queryBool.optional(),
  columns_id: queryInt.optional(),
});

const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: 'must be a string, number, boolean or null',
});

const assetElement = z.object({
  id: bodyId,
  inventory_number: bodyText.optional(),
  key_field: bodyText.optional().describe('alias of inventory_number'),
  serial: bodyText.optional(),
  key_field2: bodyText.optional().describe('alias of serial'),
  client_id: bodyRef.optional(),
  site_id: bodyRef.optional(),
  user_id: bodyRef.optional(),
  assettype_id: bodyInt.optional(),
  notes: bodyText.optional(),
  inactive: bodyBool.optional(),
  fields: z
    .array(
      z.object({
        id: z.unknown().optional(),
        name: z.string({ error: 'must be a string' }),
        value: fieldValue.optional(),
      }),
      { error: 'must be an array of {name, value}' },
    )
    .optional(),
  ...ignoredPostFlags,
});
type AssetElement = z.output<typeof assetElement>;

function assetInputOf(el: AssetElement): AssetInput {
  const input: AssetInput = {};
  const tag = el.inventory_number !== undefined ? el.inventory_number : el.key_field;
  const serial = el.serial !== undefined ? el.serial : el.key_field2;
  if (tag !== undefined) input.inventory_number = tag;
  if (serial !== undefined) input.serial = serial;
  if (el.client_id !== undefined) input.client_id = el.client_id;
  if (el.site_id !== undefined) input.site_id = el.site_id;
  if (el.user_id !== undefined) input.user_id = el.user_id;
  if (el.assettype_id !== undefined) input.assettype_id = el.assettype_id;
  if (el.notes !== undefined) input.notes = el.notes;
  if (el.inactive !== undefined) input.inactive = el.inactive;
  if (el.fields !== undefined)
    input.fields = el.fields.map((f) => ({ name: f.name, value: f.value ?? null }));
  return input;
}

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  registerResource(app, {
    path: '/Asset',
    tag: 'Asset',
    list: {
      query: assetListQuery,
      reply: { kind: 'wrapper', key: 'assets' },
      summary:
        'List assets (wrapper {page_no, page_size, record_count, assets}); search matches asset tag and serial',
      run: (ctx, req, q) =>
        listAssets(
          ctx,
          {
            client_id: q.client_id,
            site_id: q.site_id,
            user_id: q.user_id,
            assettype_id: q.assettype_id,
            assettypes: q.assettypes,
            inventory_number: q.inventory_number,
            search_inventory_number_only: q.search_inventory_number_only,
          },
          req.options,
        ),
    },
    get: { run: (ctx, id) => getAsset(ctx, id) },
    save: {
      element: assetElement,
      run: (ctx, el) =>
        el.id === undefined ? createAsset(ctx, assetInputOf(el)) : updateAsset(ctx, el.id, assetInputOf(el)),
    },
    remove: { summary: 'Deactivate an asset (soft delete)', run: (ctx, id) => deleteAsset(ctx, id) },
  });
}
