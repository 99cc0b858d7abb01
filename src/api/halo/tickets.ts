// /api/Tickets (halo-api.md §3.6): wrapper `tickets`; POST creates (no id) or partially updates (id), and
// closing is POST [{id, status_id: <a closed status>}]; DELETE /Tickets/{id}?reason= soft-deletes.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createTicket } from '../../core/tickets/create-ticket.js';
import { deleteTicket } from '../../core/tickets/delete-ticket.js';
import { getTicket } from '../../core/tickets/get-ticket.js';
import type { TicketInput } from '../../core/tickets/input.js';
import { listTickets } from '../../core/tickets/list-tickets.js';
import { updateTicket } from '../../core/tickets/update-ticket.js';
import { setTicketAssets, ticketAssets, ticketIdsForAsset } from '../../core/tickets/ticket-assets.js';
import type { Ctx } from '../../core/context.js';
import { ctxFrom } from '../context.js';
import { listQuery } from './list-query.js';
import {
  bodyId,
  bodyInt,
  bodyRef,
  bodyText,
  idParams,
  ignoredPostFlags,
  queryBool,
  queryInt,
  queryIntList,
} from './params.js';
import { registerResource } from './resource.js';

const ticketListQuery = listQuery.extend({
  client_id: queryInt.optional(),
  site_id: queryInt.optional(),
  user_id: queryInt.optional(),
  agent_id: queryInt.optional(),
  team: z.string().optional().describe('team name'),
  team_name: z.string().optional().describe('team name (alias of team)'),
  team_id: queryInt.optional(),
  status_id: queryInt.optional(),
  status: queryIntList.optional().describe('comma-separated status ids'),
  tickettype_id: queryInt.optional(),
  requesttype_id: queryInt.optional().describe('alias of tickettype_id'),
  priority_id: queryInt.optional(),
  toplevel_id: queryInt.optional(),
  open_only: queryBool.optional(),
  closed_only: queryBool.optional(),
  ticketids: queryIntList.optional().describe('comma-separated ticket ids'),
  asset_id: queryInt.optional().describe('only tickets that name this asset'),
});

const text = z.string({ error: 'must be a string' });

const ticketElement = z.object({
  id: bodyId,
  summary: text.optional(),
  details: bodyText.optional(),
  details_html: bodyText.optional().describe('stored as the details when details is absent'),
  client_id: bodyRef.optional(),
  site_id: bodyRef.optional(),
  user_id: bodyRef.optional(),
  agent_id: bodyRef.optional(),
  team: bodyText.optional().describe('team NAME'),
  team_id: bodyRef.optional(),
  status_id: bodyInt.optional(),
  priority_id: bodyRef.optional(),
  sla_id: bodyRef.optional(),
  tickettype_id: bodyInt.optional(),
  category_1: bodyText.optional(),
  category_2: bodyText.optional(),
  category_3: bodyText.optional(),
  category_4: bodyText.optional(),
  urgency: bodyRef.optional(),
  impact: bodyRef.optional(),
  dateoccurred: text.optional().describe('ISO-8601; default now'),
  ...ignoredPostFlags,
  sendack: z.unknown().optional(),
  dont_do_rules_on_update: z.unknown().optional(),
  // CIPP names the contact only here (never user_id): {id: <user>, lookupdisplay}; -1 = none (General User).
  assets: z
    .array(z.looseObject({ id: bodyInt }), { error: 'must be an array of {id}' })
    .nullable()
    .optional()
    .describe('[{id}]: the assets the ticket is about (replaces them on update; null or [] clears)'),
  userlookup: z
    .looseObject({ id: bodyRef.optional() })
    .nullable()
    .optional()
    .describe('{id, lookupdisplay}: the user when user_id is absent; -1 = none'),
});
type TicketElement = z.output<typeof ticketElement>;

/** `ticketids` and `asset_id` together: the tickets in both. */
async function ticketIdFilter(
  ctx: Ctx,
  ticketids: number[] | undefined,
  assetId: number | undefined,
): Promise<number[] | undefined> {
  if (assetId === undefined) return ticketids;
  const forAsset = await ticketIdsForAsset(ctx, assetId);
  return ticketids === undefined ? forAsset : forAsset.filter((id) => ticketids.includes(id));
}

export function ticketInputOf(el: TicketElement): TicketInput {
  const { id: _id, details, details_html, userlookup, assets: _assets, ...rest } = el;
  const input: TicketInput = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) (input as Record<string, unknown>)[k] = v;
  if (input.user_id === undefined && userlookup?.id !== undefined) input.user_id = userlookup.id;
  if (details !== undefined || details_html !== undefined) input.details = details ?? details_html ?? null;
  return input;
}

export async function ticketRoutes(parent: FastifyInstance): Promise<void> {
  registerResource(parent, {
    path: '/Tickets',
    tag: 'Tickets',
    list: {
      query: ticketListQuery,
      reply: { kind: 'wrapper', key: 'tickets' },
      summary:
        'List tickets (wrapper {page_no, page_size, record_count, tickets}); deleted tickets never show',
      run: async (ctx, req, q) =>
        listTickets(
          ctx,
          {
            client_id: q.client_id,
            site_id: q.site_id,
            user_id: q.user_id,
            agent_id: q.agent_id,
            team: q.team ?? q.team_name,
            team_id: q.team_id,
            status_id: q.status_id,
            statuses: q.status,
            tickettype_id: q.tickettype_id ?? q.requesttype_id,
            priority_id: q.priority_id,
            toplevel_id: q.toplevel_id,
            open_only: q.open_only,
            closed_only: q.closed_only,
            ticketids: await ticketIdFilter(ctx, q.ticketids, q.asset_id),
          },
          req.options,
        ),
    },
    get: { run: async (ctx, id) => ({ ...(await getTicket(ctx, id)), assets: await ticketAssets(ctx, id) }) },
    save: {
      element: ticketElement,
      summary:
        'Create tickets (no id) or partially update them (id); closing = {id, status_id: <closed status>}',
      run: async (ctx, el) => {
        const saved =
          el.id === undefined
            ? await createTicket(ctx, ticketInputOf(el))
            : await updateTicket(ctx, el.id, ticketInputOf(el));
        const assets =
          el.assets !== undefined
            ? await setTicketAssets(
                ctx,
                saved,
                (el.assets ?? []).map((a) => a.id),
              )
            : el.id === undefined
              ? []
              : await ticketAssets(ctx, saved.id);
        return { ...saved, assets };
      },
    },
  });

  // DELETE takes Halo's ?reason=, which the generic remove route has no query for.
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.delete(
    '/Tickets/:id',
    {
      schema: {
        tags: ['Tickets'],
        summary: 'Delete a ticket (soft: marked deleted and hidden; the reason is kept as a private note)',
        params: idParams,
        querystring: z.object({ reason: z.string().optional() }),
      },
    },
    async (request) => deleteTicket(ctxFrom(request), request.params.id, request.query.reason),
  );
}
