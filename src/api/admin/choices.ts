// The short lists a generated config form offers as selects (a connector's settings that hold a ticket type,
// priority or team id, e.g. LDAP's onboarding tickets): id and name, active ones only. Reading them takes the
// same rights as the Halo API's /TicketType, /Priority and /Team.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxFrom } from '../context.js';
import { listLookups } from '../../core/lookups/list-lookups.js';
import { listTeams } from '../../core/teams/list-teams.js';

/** The lists a config schema may name in its `choices` meta (see the console's schema-values.ts). */
export const CHOICE_LISTS = ['tickettype', 'priority', 'team'] as const;

const Choice = z.object({ id: z.number().int(), name: z.string() });

export async function choiceRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/choices/:list',
    {
      schema: {
        tags: ['console: integrations'],
        summary:
          'Ticket types, priorities or teams by id and name, for the selects of a connector settings form',
        security: [{ session: [] }],
        params: z.object({ list: z.enum(CHOICE_LISTS) }),
        response: { 200: z.array(Choice) },
      },
    },
    async (request) => {
      const ctx = ctxFrom(request);
      const { list } = request.params;
      if (list === 'team')
        return (await listTeams(ctx)).items
          .filter((t) => !t.inactive)
          .map((t) => ({ id: t.id, name: t.name }));
      return (await listLookups(ctx, list)).map((row) => ({ id: row.id, name: String(row.name ?? row.id) }));
    },
  );
}
