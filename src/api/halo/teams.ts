// /api/Team: teams of agents (halo-api.md §3.5). Always a bare array; POST with `agents` sets membership.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { mapPage } from '../../core/shared/list.js';
import { deleteTeam } from '../../core/teams/delete-team.js';
import { getTeam } from '../../core/teams/get-team.js';
import { listTeams } from '../../core/teams/list-teams.js';
import { presentTeam } from '../../core/teams/presenter.js';
import { createTeam, updateTeam } from '../../core/teams/save-team.js';
import { agentRef } from './agents.js';
import { listQuery } from './list-query.js';
import { bodyBool, bodyId, bodyText, ignoredPostFlags, queryBool } from './params.js';
import { registerResource } from './resource.js';

const teamListQuery = listQuery.extend({
  includeenabled: queryBool.optional().describe('include active teams (default true)'),
  includedisabled: queryBool.optional().describe('include inactive teams (default false)'),
  memberonly: queryBool.optional().describe("only teams the caller's agent belongs to"),
});

const teamElement = z.object({
  id: bodyId,
  name: z.string({ error: 'must be a string' }).optional(),
  inactive: bodyBool.optional(),
  emailaddress: bodyText.optional(),
  agents: z.array(agentRef).optional().describe('replaces the members: agent ids or {agent_id}'),
  ...ignoredPostFlags,
});

export async function teamRoutes(app: FastifyInstance): Promise<void> {
  registerResource(app, {
    path: '/Team',
    tag: 'Team',
    list: {
      query: teamListQuery,
      reply: { kind: 'bare' },
      summary: 'List teams (bare array, each with its agents)',
      run: async (ctx, req, q) => {
        const activity = {
          active: q.includeenabled ?? req.options.activity?.active ?? true,
          inactive: q.includedisabled ?? req.options.activity?.inactive ?? false,
        };
        const memberAgentId = q.memberonly ? (ctx.actor.agentId ?? -1) : undefined;
        return mapPage(await listTeams(ctx, { ...req.options, activity, memberAgentId }), presentTeam);
      },
    },
    get: { run: async (ctx, id) => presentTeam(await getTeam(ctx, id)) },
    save: {
      element: teamElement,
      run: async (ctx, el) => {
        const fields = { inactive: el.inactive, email: el.emailaddress, agentIds: el.agents };
        if (el.id === undefined)
          return presentTeam(await createTeam(ctx, { ...fields, name: el.name ?? '' }));
        return presentTeam(await updateTeam(ctx, { ...fields, id: el.id, name: el.name }));
      },
    },
    remove: {
      summary: 'Deactivate a team (soft delete)',
      run: async (ctx, id) => presentTeam(await deleteTeam(ctx, id)),
    },
  });
}
