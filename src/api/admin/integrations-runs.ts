// Runs: start one now (returns at once; poll GET /runs/:runId for live counts), preview (a dry run),
// history with counts, detail with per-record errors, approve/reject a run the deletion guard stopped.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decideRun } from '../../integrations/framework/runs/approve-run.js';
import { getRun, listRuns } from '../../integrations/framework/runs/list-runs.js';
import { startRun } from '../../integrations/framework/runs/start-run.js';
import { afterManualRun } from '../../integrator/manual-runs.js';
import { ictx, IdParams, RunParams, tags } from './integrations-context.js';

const StartBody = z.object({
  dryRun: z.boolean().default(false),
  entities: z
    .array(z.enum(['customers', 'licences', 'users', 'agents']))
    .min(1)
    .optional(),
});

export async function integrationRunRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  for (const [path, forceDry, summary] of [
    ['runs', false, 'Run now (or preview with dryRun): answers 202 with the run; poll it'],
    ['preview', true, 'Preview: a dry run listing the changes an import would make'],
  ] as const) {
    r.post(
      `/instances/:id/${path}`,
      { schema: { tags, summary, params: IdParams, body: StartBody.nullish() } },
      async (request, reply) => {
        const body = request.body ?? { dryRun: false };
        const dryRun = forceDry || body.dryRun;
        const { runId, done } = await startRun(ictx(request), app.services, {
          instanceId: request.params.id,
          dryRun,
          trigger: 'manual',
          ...(body.entities ? { entities: body.entities } : {}),
        });
        // Failure / recovery / pause notices, as for scheduled runs (the hook never throws).
        void done.then((outcome) => afterManualRun(app.services)(request.params.id, outcome, dryRun));
        return reply.status(202).send(await getRun(ictx(request), runId));
      },
    );
  }

  r.get(
    '/instances/:id/runs',
    {
      schema: {
        tags,
        summary: 'Run history with counts',
        params: IdParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      },
    },
    async (request) => listRuns(ictx(request), request.params.id, { limit: request.query.limit }),
  );

  r.get(
    '/runs/:runId',
    {
      schema: {
        tags,
        summary: 'A run with live counts, per-record errors and (dry runs) the preview',
        params: RunParams,
      },
    },
    async (request) => getRun(ictx(request), request.params.runId),
  );

  for (const [path, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    r.post(
      `/runs/:runId/${path}`,
      {
        schema: {
          tags,
          summary: `${path === 'approve' ? 'Approve' : 'Reject'} the sweep of a run waiting for approval`,
          params: RunParams,
        },
      },
      async (request) => decideRun(ictx(request), request.params.runId, decision),
    );
  }
}
