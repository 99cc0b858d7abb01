// /api/AssetType (halo-api.md §3.9): a bare array; reads need assets:read and writes assets:edit.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listQuery } from './list-query.js';
import { defined, registerLookup } from './lookup-resource.js';
import { bodyBool, bodyId, ignoredPostFlags, queryBool, queryInt } from './params.js';

export async function assetTypeRoutes(app: FastifyInstance): Promise<void> {
  registerLookup(app, {
    path: '/AssetType',
    tag: 'AssetType',
    kind: 'assettype',
    query: listQuery.extend({
      assetgroup_id: queryInt.optional(),
      showinactive: queryBool.optional(),
      setuplist: queryBool.optional(),
    }),
    filters: (q, inactive) => ({ includeInactive: inactive || q.showinactive === true }),
    element: z.object({
      id: bodyId,
      name: z.string({ error: 'must be a string' }).optional(),
      inactive: bodyBool.optional(),
      ...ignoredPostFlags,
    }),
    values: (el) =>
      defined({ name: el.name, inactive: el.inactive === undefined ? undefined : el.inactive ? 1 : 0 }),
  });
}
