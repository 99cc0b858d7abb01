// Registers one configuration list (Status, Priority, SLA, TicketType, Category, Lookup, Outcome, AssetType):
// GET list as a bare array, GET one, POST create/update (admin, or the kind's area), DELETE.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { LookupKind, LookupValues } from '../../core/lookups/kinds.js';
import { deleteLookup } from '../../core/lookups/delete-lookup.js';
import { getLookup } from '../../core/lookups/get-lookup.js';
import { listLookups, type LookupFilters } from '../../core/lookups/list-lookups.js';
import { saveLookup } from '../../core/lookups/save-lookup.js';
import type { ListQuery } from './list-query.js';
import { registerResource } from './resource.js';

export interface LookupRouteSpec<
  Q extends z.ZodType<ListQuery>,
  E extends z.ZodType<{ id?: number | undefined }>,
> {
  path: string;
  tag: string;
  kind: LookupKind;
  query: Q;
  filters(q: z.output<Q>, includeInactive: boolean): LookupFilters;
  element: E;
  values(el: z.output<E>): LookupValues;
}

/** Copies the defined entries only (exactOptionalPropertyTypes: absent stays absent). */
export function defined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

export function registerLookup<
  Q extends z.ZodType<ListQuery>,
  E extends z.ZodType<{ id?: number | undefined }>,
>(app: FastifyInstance, spec: LookupRouteSpec<Q, E>): void {
  registerResource(app, {
    path: spec.path,
    tag: spec.tag,
    list: {
      query: spec.query,
      reply: { kind: 'bare' },
      summary: `List ${spec.tag} (a bare array)`,
      activityDefaults: { active: true, inactive: false },
      run: async (ctx, req, q) => {
        const items = await listLookups(
          ctx,
          spec.kind,
          spec.filters(q, req.options.activity?.inactive === true),
        );
        return { items, total: items.length, window: { kind: 'all' } };
      },
    },
    get: { run: (ctx, id) => getLookup(ctx, spec.kind, id) },
    save: {
      element: spec.element,
      summary: `Create (no id) or update (id) ${spec.tag} entries; admin only`,
      run: (ctx, el) => saveLookup(ctx, spec.kind, el.id, spec.values(el)),
    },
    remove: {
      summary: `Delete a ${spec.tag} entry (409 while it is in use); admin only`,
      run: (ctx, id) => deleteLookup(ctx, spec.kind, id),
    },
  });
}
