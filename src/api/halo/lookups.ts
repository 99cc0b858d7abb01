// Halo's configuration lists as bare arrays (halo-api.md §3.11–3.15, §3.17, Outcome): readable by any
// authenticated caller, writable by admins. `GET /api/Lookup?lookupid=11` (lookup types) is never empty,
// which HaloAPI's PowerShell login needs.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listQuery } from './list-query.js';
import { defined, registerLookup } from './lookup-resource.js';
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

const text = z.string({ error: 'must be a string' });
const num = z.number({ error: 'must be a number' }).nullable();
const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);
const showAll = { showall: queryBool.optional(), showinactive: queryBool.optional() };

export async function lookupRoutes(app: FastifyInstance): Promise<void> {
  registerLookup(app, {
    path: '/Status',
    tag: 'Status',
    kind: 'status',
    query: listQuery.extend({
      type: z.string().optional().describe('accepted; only ticket statuses exist'),
      excludeclosed: queryBool.optional(),
      tickettype_id: queryInt.optional(),
      ...showAll,
    }),
    filters: (q, inactive) => ({
      includeInactive: inactive || q.showall === true || q.showinactive === true,
      excludeClosed: q.excludeclosed,
    }),
    element: z.object({
      id: bodyId,
      name: text.optional(),
      shortname: bodyText.optional(),
      is_closed: bodyBool.optional(),
      sequence: bodyInt.optional(),
      colour: bodyText.optional(),
      inactive: bodyBool.optional(),
      ...ignoredPostFlags,
    }),
    values: (el) =>
      defined({
        name: el.name,
        shortname: el.shortname,
        is_closed: flag(el.is_closed),
        sequence: el.sequence,
        colour: el.colour,
        inactive: flag(el.inactive),
      }),
  });
  registerLookup(app, {
    path: '/Priority',
    tag: 'Priority',
    kind: 'priority',
    query: listQuery.extend({ slaid: queryInt.optional(), includedistinct: queryBool.optional() }),
    filters: (q, inactive) => ({ includeInactive: inactive, slaId: q.slaid }),
    element: z.object({
      id: bodyId,
      name: text.optional(),
      slaid: bodyRef.optional(),
      responsetime: num.optional(),
      fixtime: num.optional(),
      sequence: bodyInt.optional(),
      priorityorder: bodyInt.optional(),
      colour: bodyText.optional(),
      ishidden: bodyBool.optional(),
      ...ignoredPostFlags,
    }),
    values: (el) =>
      defined({
        name: el.name,
        sla_id: el.slaid,
        response_hours: el.responsetime,
        fix_hours: el.fixtime,
        sequence: el.sequence ?? el.priorityorder,
        colour: el.colour,
        inactive: flag(el.ishidden),
      }),
  });
  registerLookup(app, {
    path: '/SLA',
    tag: 'SLA',
    kind: 'sla',
    query: listQuery.extend({
      showpriorities: queryBool.optional(),
      showworkdays: queryBool.optional(),
      isconfig: queryBool.optional(),
    }),
    filters: (q, inactive) => ({ includeInactive: inactive, showPriorities: q.showpriorities }),
    element: z.object({
      id: bodyId,
      name: text.optional(),
      inactive: bodyBool.optional(),
      ...ignoredPostFlags,
    }),
    values: (el) => defined({ name: el.name, inactive: flag(el.inactive) }),
  });
  registerLookup(app, {
    path: '/TicketType',
    tag: 'TicketType',
    kind: 'tickettype',
    query: listQuery.extend({
      ...showAll,
      showcounts: queryBool.optional(),
      client_id: queryInt.optional(),
      can_create_only: queryBool.optional(),
      canagentsselect: queryBool.optional(),
      canusercreate: queryBool.optional(),
    }),
    filters: (q, inactive) => ({ includeInactive: inactive || q.showinactive === true }),
    element: z.object({
      id: bodyId,
      name: text.optional(),
      default_sla: bodyRef.optional(),
      default_priority: bodyRef.optional(),
      default_team_id: bodyRef.optional(),
      initial_status: bodyRef.optional(),
      sequence: bodyInt.optional(),
      inactive: bodyBool.optional(),
      ...ignoredPostFlags,
    }),
    values: (el) =>
      defined({
        name: el.name,
        default_sla_id: el.default_sla,
        default_priority_id: el.default_priority,
        default_team_id: el.default_team_id,
        initial_status_id: el.initial_status,
        sequence: el.sequence,
        inactive: flag(el.inactive),
      }),
  });
  registerLookup(app, {
    path: '/Category',
    tag: 'Category',
    kind: 'category',
    query: listQuery.extend({
      type_id: queryInt.optional().describe('which category list, 1..4'),
      tickettype_id: queryInt.optional(),
      team_id: queryInt.optional(),
      client_id: queryInt.optional(),
    }),
    filters: (q, inactive) => ({ includeInactive: inactive, typeId: q.type_id }),
    element: z.object({
      id: bodyId,
      value: text.optional(),
      category_name: text.optional(),
      type_id: bodyInt.optional(),
      inactive: bodyBool.optional(),
      ...ignoredPostFlags,
    }),
    values: (el) =>
      defined({
        value: el.value ?? el.category_name,
        type_id: el.type_id ?? (el.id === undefined ? 1 : undefined),
        inactive: flag(el.inactive),
      }),
  });
  registerLookup(app, {
    path: '/Lookup',
    tag: 'Lookup',
    kind: 'lookup',
    query: listQuery.extend({
      lookupid: queryInt.optional().describe('which list; 11 = lookup types'),
      exclude_zero: queryBool.optional(),
      showallcodes: queryBool.optional(),
    }),
    filters: (q, inactive) => ({
      includeInactive: inactive || q.showallcodes === true,
      lookupId: q.lookupid,
    }),
    element: z.object({
      id: bodyId,
      lookupid: bodyInt.optional(),
      name: text.optional(),
      valueint1: bodyRef.optional(),
      sequence: bodyInt.optional(),
      inactive: bodyBool.optional(),
      ...ignoredPostFlags,
    }),
    values: (el) =>
      defined({
        lookupid: el.lookupid,
        name: el.name,
        value_int: el.valueint1,
        sequence: el.sequence,
        inactive: flag(el.inactive),
      }),
  });
  registerLookup(app, {
    path: '/Outcome',
    tag: 'Outcome',
    kind: 'outcome',
    query: listQuery,
    filters: (_q, inactive) => ({ includeInactive: inactive }),
    element: z.object({
      id: bodyId,
      outcome: text.optional(),
      buttonname: text.optional(),
      name: text.optional(),
      defaultprivate: bodyBool.optional(),
      inactive: bodyBool.optional(),
      ...ignoredPostFlags,
    }),
    values: (el) =>
      defined({
        name: el.outcome ?? el.buttonname ?? el.name,
        is_private: flag(el.defaultprivate),
        inactive: flag(el.inactive),
      }),
  });
}
