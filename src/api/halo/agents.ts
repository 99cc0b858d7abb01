// /api/Agent: technicians (halo-api.md §3.4). A bare array without pageinate (n8n maps over it), the
// `agents` wrapper with it. GET /api/Agent/me is the caller's own agent. DELETE disables the agent.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteAgent } from '../../core/agents/delete-agent.js';
import { getAgent, getCurrentAgent } from '../../core/agents/get-agent.js';
import { listAgents } from '../../core/agents/list-agents.js';
import { presentAgent } from '../../core/agents/presenter.js';
import { createAgentProfile, updateAgentProfile } from '../../core/agents/save-agent.js';
import { mapPage } from '../../core/shared/list.js';
import { ctxFrom } from '../context.js';
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

const agentListQuery = listQuery.extend({
  includeenabled: queryBool.optional().describe('include enabled agents (default true)'),
  includedisabled: queryBool.optional().describe('include disabled agents (default false)'),
  includeapiagents: queryBool.optional().describe('include API-only agents (default false)'),
  team_id: queryInt.optional().describe('only members of this team'),
  team: z.string().optional().describe('only members of the team with this name'),
});

/** A reference in an array: a bare id or an object carrying the id under one of the given keys. */
const refOf = (...keys: string[]) =>
  z.union(
    [
      bodyInt,
      z.looseObject({}).transform((o, c) => {
        for (const k of keys) {
          const v = o[k];
          if (typeof v === 'number' && Number.isInteger(v)) return v;
          if (typeof v === 'string' && /^\d{1,15}$/.test(v)) return Number(v);
        }
        c.addIssue({ code: 'custom', message: `must be an id or an object with ${keys.join(' or ')}` });
        return z.NEVER;
      }),
    ],
    { error: `must be an id or an object with ${keys.join(' or ')}` },
  );

export const teamRef = refOf('team_id', 'id');
export const agentRef = refOf('agent_id', 'id');

const agentElement = z.object({
  id: bodyId,
  name: z.string({ error: 'must be a string' }).optional(),
  firstname: bodyText.optional(),
  surname: bodyText.optional(),
  initials: bodyText.optional(),
  email: bodyText.optional(),
  jobtitle: bodyText.optional(),
  phonenumber: bodyText.optional(),
  isdisabled: bodyBool.optional(),
  inactive: bodyBool.optional().describe('alias of isdisabled'),
  isapiagent: bodyBool.optional(),
  team: bodyText.optional().describe('default team, by name'),
  team_id: bodyRef.optional().describe('default team, by id'),
  teams: z.array(teamRef).optional().describe("replaces the agent's teams: ids or {team_id}"),
  roles: z
    .array(refOf('id', 'role_id'))
    .optional()
    .describe("replaces the agent's roles (admin only): ids or {id}"),
  ...ignoredPostFlags,
});

export async function agentRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/Agent/me',
    { schema: { tags: ['Agent'], summary: 'The agent the caller acts as' } },
    async (request) => presentAgent(await getCurrentAgent(ctxFrom(request))),
  );

  registerResource(app, {
    path: '/Agent',
    tag: 'Agent',
    list: {
      query: agentListQuery,
      reply: { kind: 'bare-unless-paged', key: 'agents' },
      summary:
        'List agents (bare array; with pageinate=true the wrapper {page_no, page_size, record_count, agents})',
      run: async (ctx, req, q) => {
        const activity = {
          active: q.includeenabled ?? req.options.activity?.active ?? true,
          inactive: q.includedisabled ?? req.options.activity?.inactive ?? false,
        };
        return mapPage(
          await listAgents(ctx, {
            ...req.options,
            activity,
            includeApiAgents: q.includeapiagents,
            teamId: q.team_id,
            teamName: q.team?.trim() || undefined,
          }),
          presentAgent,
        );
      },
    },
    get: { run: async (ctx, id) => presentAgent(await getAgent(ctx, id)) },
    save: {
      element: agentElement,
      run: async (ctx, el) => {
        const fields = {
          firstname: el.firstname,
          surname: el.surname,
          initials: el.initials,
          email: el.email,
          jobtitle: el.jobtitle,
          phone: el.phonenumber,
          inactive: el.isdisabled ?? el.inactive,
          isApiOnly: el.isapiagent,
          defaultTeamId: el.team_id,
          defaultTeamName: el.team,
          teamIds: el.teams,
          roleIds: el.roles,
        };
        if (el.id === undefined)
          return presentAgent(await createAgentProfile(ctx, { ...fields, name: el.name ?? '' }));
        return presentAgent(await updateAgentProfile(ctx, { ...fields, id: el.id, name: el.name }));
      },
    },
    remove: {
      summary: 'Disable an agent (soft delete: isdisabled becomes true)',
      run: async (ctx, id) => presentAgent(await deleteAgent(ctx, id)),
    },
  });
}
