// The console's integrations API: connectors (manifest + config JSON Schema with secret flags), instances
// (secrets write-only: shown as "********" with {set:true}; an update omitting a secret keeps it), check and
// discover. Admin only (checked in the use cases). Mappings and runs live in the sibling files.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../../core/context.js';
import { listConnectors } from '../../integrations/registry.js';
import { configJsonSchema } from '../../integrations/framework/secret-field.js';
import { writerFor } from '../../integrations/framework/reconcile/writers/index.js';
import { createInstance } from '../../integrations/framework/instances/create-instance.js';
import {
  resumePausedInstance,
  setInstanceEnabled,
  updateInstance,
} from '../../integrations/framework/instances/update-instance.js';
import { deleteInstance } from '../../integrations/framework/instances/delete-instance.js';
import { getInstance, listInstances } from '../../integrations/framework/instances/list-instances.js';
import { checkInstance, discoverInstance } from '../../integrations/framework/instances/check-instance.js';
import { CreateInstanceSchema, UpdateInstanceSchema } from '../../integrations/framework/instances/input.js';
import { defined, ictx, IdParams, tags } from './integrations-context.js';
import { integrationMappingRoutes } from './integrations-mappings.js';
import { integrationRunRoutes } from './integrations-runs.js';

export async function integrationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/connectors',
    { schema: { tags, summary: 'Installed connectors with their config schema (secret fields flagged)' } },
    async (request) => {
      const ctx = ictx(request);
      requireAdmin(ctx);
      const counts = await ctx.db
        .selectFrom('integration_instances')
        .select(['connector_id', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('connector_id')
        .execute();
      return listConnectors().map((c) => ({
        id: c.manifest.id,
        displayName: c.manifest.displayName,
        description: c.manifest.description,
        version: c.manifest.version,
        entities: c.manifest.entities,
        defaultSchedule: c.manifest.defaultSchedule,
        containerLabel: c.manifest.containerLabel,
        configSchema: configJsonSchema(c.manifest.configSchema),
        /** Per entity, the fields an instance's field mappings may choose from. */
        mappableFields: Object.fromEntries(
          c.manifest.entities.map((e) => [e, [...writerFor(e).mappableFields]]),
        ),
        /** Per entity, the fields written when the instance has no field mapping for it (customers: not the name). */
        defaultFields: Object.fromEntries(
          c.manifest.entities.map((e) => {
            const w = writerFor(e);
            return [e, [...(w.defaultFields ?? w.mappableFields)]];
          }),
        ),
        instanceCount: Number(counts.find((x) => x.connector_id === c.manifest.id)?.n ?? 0),
      }));
    },
  );

  r.get(
    '/instances',
    {
      schema: {
        tags,
        summary: 'Integration instances with Last Sync / Last Error',
        querystring: z.object({ connectorId: z.string().optional() }),
      },
    },
    async (request) => listInstances(ictx(request), defined(request.query)),
  );

  r.post(
    '/instances',
    {
      schema: {
        tags,
        summary: 'Create an instance (secrets are encrypted and never returned)',
        body: CreateInstanceSchema,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createInstance(ictx(request), request.body).then((i) => getInstance(ictx(request), i.id)),
        ),
  );

  r.get(
    '/instances/:id',
    { schema: { tags, summary: 'One instance (config with secrets masked)', params: IdParams } },
    async (request) => getInstance(ictx(request), request.params.id),
  );

  r.patch(
    '/instances/:id',
    {
      schema: {
        tags,
        summary: 'Update an instance; omitted or masked secrets keep their value',
        params: IdParams,
        body: UpdateInstanceSchema,
      },
    },
    async (request) => {
      await updateInstance(ictx(request), request.params.id, request.body);
      return getInstance(ictx(request), request.params.id);
    },
  );

  r.delete(
    '/instances/:id',
    { schema: { tags, summary: 'Delete an instance (imported records stay)', params: IdParams } },
    async (request, reply) => {
      await deleteInstance(ictx(request), request.params.id);
      return reply.status(204).send();
    },
  );

  for (const [path, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    r.post(
      `/instances/:id/${path}`,
      {
        schema: {
          tags,
          summary: `${path === 'enable' ? 'Enable' : 'Disable'} scheduled runs`,
          params: IdParams,
        },
      },
      async (request) => {
        // Enabling also resumes an instance the integrator paused after repeated failures.
        await setInstanceEnabled(ictx(request), request.params.id, enabled);
        return getInstance(ictx(request), request.params.id);
      },
    );
  }

  r.post(
    '/instances/:id/resume',
    {
      schema: {
        tags,
        summary: 'Resume an instance paused after repeated failures (clears the pause and the failure count)',
        params: IdParams,
      },
    },
    async (request) => {
      await resumePausedInstance(ictx(request), request.params.id);
      return getInstance(ictx(request), request.params.id);
    },
  );

  r.post(
    '/instances/:id/check',
    {
      schema: {
        tags,
        summary: 'Test the connection (never fails the request: ok:false with a kind)',
        params: IdParams,
      },
    },
    async (request) => checkInstance(ictx(request), request.params.id),
  );

  r.post(
    '/instances/:id/discover',
    { schema: { tags, summary: 'List the source containers (tenants, OUs, groups)', params: IdParams } },
    async (request) => discoverInstance(ictx(request), request.params.id),
  );

  await app.register(integrationMappingRoutes);
  await app.register(integrationRunRoutes);
}
