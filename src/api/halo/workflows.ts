// /api/Workflow (halo-api.md §2.4 configuration lists, §3.7): a bare array, and /Workflow/{id} with
// steps[].actions[].action_id, which CIPP reads to offer outcomes. One built-in workflow (see core).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getWorkflow, listWorkflows } from '../../core/workflows/default-workflow.js';
import { ctxFrom } from '../context.js';
import { idParams } from './params.js';

export async function workflowRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/Workflow',
    {
      schema: {
        tags: ['Workflow'],
        summary: 'List workflows (a bare array; one built-in workflow allowing every outcome)',
      },
    },
    async (request) => listWorkflows(ctxFrom(request)),
  );
  app.get(
    '/Workflow/:id',
    {
      schema: {
        tags: ['Workflow'],
        summary: 'Get a workflow with steps[].actions[].action_id',
        params: idParams,
      },
    },
    async (request) => getWorkflow(ctxFrom(request), request.params.id),
  );
}
