// The console's agents and roles: list and create/update agents (roles, teams, API-only, failure notices),
// set a password. Writes need admin; listing needs agents:read (checked in the use cases).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxFrom } from '../context.js';
import { ALL_PERMISSIONS, type Permission } from '../../core/permissions.js';
import { listAgents } from '../../auth/agents/list-agents.js';
import { createAgent } from '../../auth/agents/create-agent.js';
import { updateAgent } from '../../auth/agents/update-agent.js';
import { setAgentPassword } from '../../auth/agents/set-agent-password.js';
import { listRoles } from '../../auth/roles/list-roles.js';
import { createRole } from '../../auth/roles/create-role.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../auth/password-policy.js';

const Agent = z.object({
  id: z.number().int(),
  name: z.string(),
  login: z.string().nullable(),
  email: z.string().nullable(),
  firstname: z.string().nullable(),
  surname: z.string().nullable(),
  is_api_only: z.boolean(),
  inactive: z.boolean(),
  notify_sync_failures: z.boolean(),
  default_team_id: z.number().int().nullable(),
  has_password: z.boolean(),
  roles: z.array(z.object({ id: z.number().int(), name: z.string() })),
  teams: z.array(z.number().int()),
  permissions: z.array(z.string()),
});

const Login = z
  .string()
  .trim()
  .min(1)
  .max(320)
  .regex(/^[^\s]+$/, 'must not contain spaces');
const Password = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);
const RoleRefs = z
  .array(z.union([z.number().int().positive(), z.string().min(1)]))
  .describe('Role ids or names');

const CreateBody = z.object({
  name: z.string().trim().min(1).max(200),
  login: Login.nullable().optional(),
  password: Password.optional(),
  email: z.email().nullable().optional(),
  firstname: z.string().max(200).nullable().optional(),
  surname: z.string().max(200).nullable().optional(),
  is_api_only: z.boolean().optional(),
  notify_sync_failures: z.boolean().optional(),
  roles: RoleRefs.optional(),
  teams: z.array(z.number().int().positive()).optional(),
  default_team_id: z.number().int().positive().nullable().optional(),
});

const UpdateBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  login: Login.nullable().optional(),
  email: z.email().nullable().optional(),
  firstname: z.string().max(200).nullable().optional(),
  surname: z.string().max(200).nullable().optional(),
  is_api_only: z.boolean().optional(),
  inactive: z.boolean().optional(),
  notify_sync_failures: z.boolean().optional(),
  roles: RoleRefs.optional(),
  teams: z.array(z.number().int().positive()).optional(),
  default_team_id: z.number().int().positive().nullable().optional(),
});

const Role = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  permissions: z.array(z.string()),
});
const CreateRoleBody = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullable().optional(),
  permissions: z.array(z.enum(ALL_PERMISSIONS as [Permission, ...Permission[]])),
});

const IdParams = z.object({ id: z.coerce.number().int().positive() });

function defined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

export async function agentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['agents'];

  r.get(
    '/agents',
    { schema: { tags, summary: 'List agents', response: { 200: z.array(Agent) } } },
    async (request) => listAgents(ctxFrom(request)),
  );

  r.post(
    '/agents',
    { schema: { tags, summary: 'Create an agent', body: CreateBody, response: { 201: Agent } } },
    async (request, reply) => {
      const agent = await createAgent(ctxFrom(request), {
        ...defined(request.body),
        name: request.body.name,
      });
      return reply.status(201).send(agent);
    },
  );

  r.patch(
    '/agents/:id',
    {
      schema: {
        tags,
        summary: 'Update an agent',
        params: IdParams,
        body: UpdateBody,
        response: { 200: Agent },
      },
    },
    async (request) => updateAgent(ctxFrom(request), request.params.id, defined(request.body)),
  );

  r.post(
    '/agents/:id/password',
    {
      schema: {
        tags,
        summary: "Set an agent's password (ends its console sessions)",
        params: IdParams,
        body: z.object({ password: Password }),
      },
    },
    async (request, reply) => {
      await setAgentPassword(ctxFrom(request), request.params.id, request.body.password);
      return reply.status(204).send();
    },
  );

  r.get(
    '/roles',
    { schema: { tags, summary: 'List roles', response: { 200: z.array(Role) } } },
    async (request) => listRoles(ctxFrom(request)),
  );

  r.post(
    '/roles',
    { schema: { tags, summary: 'Create a role', body: CreateRoleBody, response: { 201: Role } } },
    async (request, reply) => {
      const role = await createRole(ctxFrom(request), {
        ...defined(request.body),
        name: request.body.name,
        permissions: request.body.permissions,
      });
      return reply.status(201).send(role);
    },
  );
}
