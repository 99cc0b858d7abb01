// Registers the standard Halo routes of one entity: GET list, GET one, POST (create/update array), DELETE.
// An entity file declares the wire schemas and maps each call onto its core use cases; everything Halo-ish
// (paging, wrappers, batch bodies, [i].field errors, 201) is handled here once.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { saveAll } from '../../core/shared/batch.js';
import type { ActiveFilter, ListPage } from '../../core/shared/list.js';
import { ctxFrom } from '../context.js';
import { bodyInHandler, parseBatch } from './batch-body.js';
import {
  bareReply,
  parseListQuery,
  wrapperReply,
  type HaloListRequest,
  type ListQuery,
} from './list-query.js';
import { idParams } from './params.js';

/**
 * How the list answers: `wrapper` always `{record_count, <key>: [...]}` (paged entities, §2.4 kind 1);
 * `bare` always an array (configuration lists); `bare-unless-paged` an array without pageinate and the
 * wrapper with it (Agent, TopLevel).
 */
export type ListReply =
  { kind: 'wrapper'; key: string } | { kind: 'bare' } | { kind: 'bare-unless-paged'; key: string };

export interface ListSpec<W extends { id: number }, Q extends z.ZodType<ListQuery>> {
  /** Usually `listQuery.extend({ client_id: queryInt.optional(), … })`. */
  query: Q;
  reply: ListReply;
  summary?: string;
  /** Default active/inactive selection (default: active only). */
  activityDefaults?: ActiveFilter;
  run(ctx: Ctx, request: HaloListRequest, query: z.output<Q>): Promise<ListPage<W>>;
}

export interface GetSpec<W, Q extends z.ZodType> {
  query?: Q;
  summary?: string;
  run(ctx: Ctx, id: number, query: z.output<Q>): Promise<W>;
}

export interface SaveSpec<W, E extends z.ZodType> {
  /** One element of the POSTed array, in Halo field names; unknown fields are dropped. */
  element: E;
  summary?: string;
  /** Creates or partially updates one element; runs inside the batch's single transaction. */
  run(ctx: Ctx, element: z.output<E>): Promise<W>;
}

export interface RemoveSpec {
  summary?: string;
  run(ctx: Ctx, id: number): Promise<unknown>;
}

export interface ResourceSpec<
  W extends { id: number },
  LQ extends z.ZodType<ListQuery>,
  GQ extends z.ZodType,
  E extends z.ZodType,
> {
  /** Collection path under /api, e.g. "/Client" (matched case-insensitively). */
  path: string;
  /** OpenAPI tag, e.g. "Client". */
  tag: string;
  list?: ListSpec<W, LQ>;
  get?: GetSpec<W, GQ>;
  save?: SaveSpec<W, E>;
  remove?: RemoveSpec;
}

const emptyQuery = z.object({});

export function replyList<W extends { id: number }>(
  reply: ListReply,
  page: ListPage<W>,
  req: HaloListRequest,
): unknown {
  if (reply.kind === 'wrapper') return wrapperReply(reply.key, page, req.idOnly);
  if (reply.kind === 'bare-unless-paged' && req.paging) return wrapperReply(reply.key, page, req.idOnly);
  return bareReply(page, req.idOnly);
}

export function registerResource<
  W extends { id: number },
  LQ extends z.ZodType<ListQuery>,
  GQ extends z.ZodType,
  E extends z.ZodType,
>(parent: FastifyInstance, spec: ResourceSpec<W, LQ, GQ, E>): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = [spec.tag];
  const { list, get, save, remove } = spec;

  if (list) {
    app.get(
      spec.path,
      { schema: { tags, summary: list.summary ?? `List ${spec.tag}`, querystring: list.query } },
      async (request) => {
        const query = request.query as z.output<LQ>;
        const req = parseListQuery(query, list.activityDefaults);
        const page = await list.run(ctxFrom(request), req, query);
        return replyList(list.reply, page, req);
      },
    );
  }

  if (get) {
    const querystring = get.query ?? emptyQuery;
    app.get(
      `${spec.path}/:id`,
      {
        schema: { tags, summary: get.summary ?? `Get one ${spec.tag} by id`, params: idParams, querystring },
      },
      async (request) => get.run(ctxFrom(request), request.params.id, request.query as z.output<GQ>),
    );
  }

  if (save) {
    app.post(
      spec.path,
      {
        schema: {
          tags,
          summary:
            save.summary ??
            `Create or update ${spec.tag} records (an element without id, or id 0, is created; with an id it is partially updated)`,
          body: z.array(save.element),
        },
        validatorCompiler: bodyInHandler,
      },
      async (request, reply) => {
        const { elements, single } = parseBatch(request.body, save.element);
        const saved = await saveAll(ctxFrom(request), elements, (ctx, el) => save.run(ctx, el));
        return reply.status(201).send(single ? saved[0] : saved);
      },
    );
  }

  if (remove) {
    app.delete(
      `${spec.path}/:id`,
      { schema: { tags, summary: remove.summary ?? `Delete one ${spec.tag}`, params: idParams } },
      async (request) => (await remove.run(ctxFrom(request), request.params.id)) ?? {},
    );
  }
}
