// /api/TopLevel: groups of clients (halo-api.md §3.16). Bare array without pageinate, `toplevels` wrapper with it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { mapPage } from '../../core/shared/list.js';
import { deleteTopLevel } from '../../core/toplevels/delete-top-level.js';
import { getTopLevel } from '../../core/toplevels/get-top-level.js';
import { listTopLevels } from '../../core/toplevels/list-top-levels.js';
import { presentTopLevel } from '../../core/toplevels/presenter.js';
import { createTopLevel, updateTopLevel } from '../../core/toplevels/save-top-level.js';
import { listQuery } from './list-query.js';
import { bodyBool, bodyId, ignoredPostFlags } from './params.js';
import { registerResource } from './resource.js';

const topLevelElement = z.object({
  id: bodyId,
  name: z.string({ error: 'must be a string' }).optional(),
  inactive: bodyBool.optional(),
  ...ignoredPostFlags,
});

export async function topLevelRoutes(app: FastifyInstance): Promise<void> {
  registerResource(app, {
    path: '/TopLevel',
    tag: 'TopLevel',
    list: {
      query: listQuery,
      reply: { kind: 'bare-unless-paged', key: 'toplevels' },
      summary:
        'List top levels (bare array; with pageinate=true the wrapper {page_no, page_size, record_count, toplevels})',
      run: async (ctx, req) => mapPage(await listTopLevels(ctx, req.options), presentTopLevel),
    },
    get: { run: async (ctx, id) => presentTopLevel(await getTopLevel(ctx, id)) },
    save: {
      element: topLevelElement,
      run: async (ctx, el) =>
        presentTopLevel(
          el.id === undefined
            ? await createTopLevel(ctx, { name: el.name ?? '', inactive: el.inactive })
            : await updateTopLevel(ctx, { id: el.id, name: el.name, inactive: el.inactive }),
        ),
    },
    remove: {
      summary: 'Deactivate a top level (soft delete)',
      run: async (ctx, id) => presentTopLevel(await deleteTopLevel(ctx, id)),
    },
  });
}
