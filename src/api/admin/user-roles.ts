// The console's user roles (end users' roles, assigned by directory site mappings) and the team list the
// mapping form offers for agent targets. Listing needs a signed-in actor; creating a role needs admin.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxFrom } from '../context.js';
import {
  createUserRole,
  deleteUserRole,
  listUserRoles,
  updateUserRole,
  UserRoleInputSchema,
} from '../../core/user-roles/user-roles.js';
import { listTeams } from '../../core/teams/list-teams.js';

const UserRole = z.object({ id: z.number().int(), name: z.string(), description: z.string().nullable() });
const TeamRef = z.object({ id: z.number().int(), name: z.string(), inactive: z.boolean() });

export async function userRoleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ session: [] }];

  r.get(
    '/user-roles',
    {
      schema: {
        tags: ['console: user roles'],
        summary: 'List user roles (the roles of end users)',
        security,
        response: { 200: z.array(UserRole) },
      },
    },
    async (request) => listUserRoles(ctxFrom(request)),
  );

  r.post(
    '/user-roles',
    {
      schema: {
        tags: ['console: user roles'],
        summary: 'Create a user role',
        security,
        body: UserRoleInputSchema,
        response: { 201: UserRole },
      },
    },
    async (request, reply) => reply.status(201).send(await createUserRole(ctxFrom(request), request.body)),
  );

  const IdParams = z.object({ id: z.coerce.number().int().positive() });

  r.patch(
    '/user-roles/:id',
    {
      schema: {
        tags: ['console: user roles'],
        summary: 'Rename a user role or change its description',
        security,
        params: IdParams,
        body: UserRoleInputSchema,
        response: { 200: UserRole },
      },
    },
    async (request) => updateUserRole(ctxFrom(request), request.params.id, request.body),
  );

  r.delete(
    '/user-roles/:id',
    {
      schema: {
        tags: ['console: user roles'],
        summary: 'Delete a user role (refused while a mapping gives it; its end users are left without one)',
        security,
        params: IdParams,
        response: { 200: z.object({ deleted: z.number().int(), usersCleared: z.number().int() }) },
      },
    },
    async (request) => deleteUserRole(ctxFrom(request), request.params.id),
  );

  r.get(
    '/teams',
    {
      schema: {
        tags: ['console: user roles'],
        summary: 'List teams by id and name (for mapping people to agents)',
        security,
        response: { 200: z.array(TeamRef) },
      },
    },
    async (request) =>
      (await listTeams(ctxFrom(request))).items.map((t) => ({
        id: t.id,
        name: t.name,
        inactive: t.inactive,
      })),
  );
}
