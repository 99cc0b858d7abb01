// /api/Actions (halo-api.md §3.7): ticket notes, wrapper `actions`. outcome_id is required on create, with
// Halo's message; new_status changes the ticket in the same transaction. Tickets permissions cover actions.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createAction } from '../../core/actions/create-action.js';
import { deleteAction } from '../../core/actions/delete-action.js';
import { getAction } from '../../core/actions/get-action.js';
import type { ActionInput } from '../../core/actions/input.js';
import { listActions } from '../../core/actions/list-actions.js';
import { updateAction } from '../../core/actions/update-action.js';
import { invalidInput } from '../../core/errors.js';
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
} from './params.js';
import { registerResource } from './resource.js';

const actionListQuery = listQuery.extend({
  ticket_id: queryInt.optional(),
  excludeprivate: queryBool.optional(),
  importantonly: queryBool.optional(),
  agentonly: queryBool.optional(),
});

const actionElement = z.object({
  id: bodyId,
  ticket_id: bodyInt.optional(),
  outcome_id: bodyInt.optional(),
  note: bodyText.optional(),
  note_html: bodyText.optional().describe('stored as the note when note is absent'),
  hiddenfromuser: bodyBool.optional(),
  private_note: bodyBool.optional().describe('same as hiddenfromuser'),
  important: bodyBool.optional(),
  timetaken: z.number({ error: 'must be a number' }).nullable().optional().describe('hours'),
  new_status: bodyRef.optional(),
  new_agent: bodyRef.optional(),
  new_team: bodyText.optional().describe('team NAME'),
  ...ignoredPostFlags,
  sendemail: z.unknown().optional(),
  emailto: z.unknown().optional(),
  action_isresponse: z.unknown().optional(),
  validate_response: z.unknown().optional(),
});
type ActionElement = z.output<typeof actionElement>;

function actionFields(el: ActionElement): Omit<ActionInput, 'ticket_id'> {
  const out: Omit<ActionInput, 'ticket_id'> = {};
  if (el.outcome_id !== undefined) out.outcome_id = el.outcome_id;
  if (el.note !== undefined || el.note_html !== undefined) out.note = el.note ?? el.note_html ?? null;
  if (el.hiddenfromuser !== undefined || el.private_note !== undefined)
    out.hiddenfromuser = el.hiddenfromuser === true || el.private_note === true;
  if (el.important !== undefined) out.important = el.important;
  if (el.timetaken !== undefined) out.timetaken = el.timetaken;
  if (el.new_status != null) out.new_status = el.new_status;
  if (el.new_agent !== undefined) out.new_agent = el.new_agent;
  if (el.new_team !== undefined) out.new_team = el.new_team;
  return out;
}

export async function actionRoutes(app: FastifyInstance): Promise<void> {
  registerResource(app, {
    path: '/Actions',
    tag: 'Actions',
    list: {
      query: actionListQuery,
      reply: { kind: 'wrapper', key: 'actions' },
      summary: 'List actions of a ticket (wrapper {record_count, actions}), oldest first',
      run: (ctx, req, q) =>
        listActions(
          ctx,
          {
            ticket_id: q.ticket_id,
            excludeprivate: q.excludeprivate,
            importantonly: q.importantonly,
            agentonly: q.agentonly,
          },
          req.options,
        ),
    },
    get: {
      query: z.object({
        ticket_id: queryInt
          .optional()
          .describe("with it, id may be the ticket's Nth action, as Halo numbers them"),
      }),
      run: (ctx, id, q) => getAction(ctx, id, q.ticket_id),
    },
    save: {
      element: actionElement,
      summary: 'Add actions to tickets (outcome_id required) or update them (id)',
      run: (ctx, el) => {
        if (el.id !== undefined)
          return updateAction(ctx, el.id, {
            ...actionFields(el),
            ...(el.ticket_id !== undefined ? { ticket_id: el.ticket_id } : {}),
          });
        if (el.ticket_id === undefined)
          throw invalidInput('ticket_id: is required', [{ field: 'ticket_id', message: 'is required' }]);
        return createAction(ctx, { ...actionFields(el), ticket_id: el.ticket_id });
      },
    },
    remove: { run: (ctx, id) => deleteAction(ctx, id) },
  });
}
