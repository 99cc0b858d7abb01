// The one entry point that runs an instance (the integrator, the CLI and the API all call it). It never
// throws: every outcome, including "another run holds the instance", is a run row and a RunOutcome.
import { AppError, isAppError } from '../../../core/errors.js';
import type { Services } from '../../../services.js';
import { createRedactor, type Redactor } from '../../kit/redact.js';
import { findConnector } from '../../registry.js';
import type { EntityName } from '../contract.js';
import { prepareConnector } from '../connector-context.js';
import { loadInstanceRow, toInstance } from '../instances/instance.js';
import { runEntity, type EntityResult } from '../reconcile/run-entity.js';
import type { EntityCounts, PreviewChange } from '../reconcile/types.js';
import { claimLease, LEASE_SECONDS, renewLease } from './lease.js';
import { decideStatus, PREVIEW_STORE_LIMIT, type RunOutcome, type RunRequest } from './outcome.js';
import { insertRun, markOthersAbandoned, markSkipped } from './run-rows.js';
import { finishInstanceStatus } from './instance-status.js';
import { progressThrottle } from './progress-throttle.js';

export type { RunOutcome, RunRequest };

function asError(e: unknown, redact: Redactor): { code: string; kind: string; message: string } {
  if (isAppError(e)) return { code: e.code, kind: e.kind, message: redact(e.message) };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'CONNECTOR_FAILED', kind: 'vendor', message: redact(message) };
}

export async function runInstance(services: Services, req: RunRequest): Promise<RunOutcome> {
  let runId = 0;
  let redact: Redactor = createRedactor([]);
  try {
    const row = await loadInstanceRow(services.db, req.instanceId);
    const connector = findConnector(row.connector_id);
    const instance = toInstance(row);
    const order = connector?.manifest.entities ?? [];
    const wanted = req.entities ?? instance.entities ?? order;
    const entities = order.filter((e) => wanted.includes(e));
    runId = await insertRun(services.db, {
      instanceId: instance.id,
      trigger: req.trigger,
      dryRun: req.dryRun === true,
      entities,
    });
    req.onRunCreated?.(runId);
    const bad = wanted.filter((e) => !order.includes(e));
    if (!connector)
      throw new AppError('CONNECTOR_NOT_FOUND', 'config', `No connector "${row.connector_id}" is installed`);
    if (bad.length)
      throw new AppError(
        'INVALID_ENTITIES',
        'config',
        `${connector.manifest.id} does not sync: ${bad.join(', ')}`,
      );

    const claim = await claimLease(services.db, instance.id, runId, new Date());
    if (!claim.claimed) {
      await markSkipped(services.db, runId, claim.previousRunId);
      return { runId, status: 'skipped_already_running', counts: {} };
    }
    await markOthersAbandoned(services.db, instance.id, runId);
    return await runClaimed(services, req, runId, instance.id, entities, (r) => (redact = r));
  } catch (e) {
    const error = asError(e, redact);
    if (runId === 0) return { runId, status: 'failed', counts: {}, error };
    await finishInstanceStatus(services.db, {
      runId,
      instanceId: req.instanceId,
      status: 'failed',
      dryRun: req.dryRun === true,
      error,
      results: {},
    }).catch((x: unknown) => services.log.error({ err: x, runId }, 'could not record the failed run'));
    return { runId, status: 'failed', counts: {}, error };
  }
}

async function runClaimed(
  services: Services,
  req: RunRequest,
  runId: number,
  instanceId: number,
  entities: EntityName[],
  setRedactor: (r: Redactor) => void,
): Promise<RunOutcome> {
  const heartbeat = setInterval(
    () => void renewLease(services.db, instanceId, runId, new Date()).catch(() => undefined),
    (LEASE_SECONDS * 1000) / 4,
  );
  heartbeat.unref();
  const results: Partial<Record<EntityName, EntityResult>> = {};
  const progressDue = progressThrottle();
  let error: RunOutcome['error'];
  const report = (entity: EntityName, done: number, total: number | undefined) => {
    try {
      req.onProgress?.({ entity, done, ...(total !== undefined ? { total } : {}) });
    } catch {
      // A listener's error (a progress bar, a socket gone) never fails a run.
    }
  };
  try {
    const prepared = await prepareConnector(services.db, services.cipher, services.log, instanceId, {
      signal: req.signal,
      progress: report,
    });
    const redact = createRedactor(prepared.ctx.secretValues);
    setRedactor(redact);
    const instance = toInstance(prepared.row);
    for (const entity of entities) {
      const r = await runEntity(
        {
          db: services.db,
          instance,
          connector: prepared.connector,
          cctx: prepared.ctx,
          runId,
          dryRun: req.dryRun === true,
          redact,
          now: () => new Date().toISOString(),
          renewLease: (tx) => renewLease(tx, instanceId, runId, new Date()),
          bulkImportThreshold: services.config.bulkImportThreshold,
          onRecords: (e, done, total) => report(e, done, total),
          onPage: async (e, counts, done, total) => {
            if (!progressDue(e, done, total)) return;
            const progress = { entity: e, done, ...(total !== undefined ? { total } : {}) };
            await services.db
              .updateTable('integration_runs')
              .set({
                counts_json: JSON.stringify({ ...countsOf(results), [e]: counts }),
                progress_json: JSON.stringify(progress),
              })
              .where('id', '=', runId)
              .execute();
          },
        },
        entity,
      );
      results[entity] = r;
      if (r.fatal) {
        error = asError(r.fatal, redact);
        break;
      }
    }
  } catch (e) {
    error = asError(e, createRedactor([]));
  } finally {
    clearInterval(heartbeat);
  }
  const counts = countsOf(results);
  const pending = Object.values(results).flatMap((r) => r?.pendingSweep ?? []);
  const status = decideStatus(error !== undefined, pending.length > 0, counts);
  const preview: PreviewChange[] = Object.values(results).flatMap((r) => r?.preview ?? []);
  await finishInstanceStatus(services.db, {
    runId,
    instanceId,
    status,
    dryRun: req.dryRun === true,
    error,
    results,
    pending,
    preview: preview.slice(0, PREVIEW_STORE_LIMIT),
  });
  return { runId, status, counts, ...(error ? { error } : {}), ...(req.dryRun ? { preview } : {}) };
}

function countsOf(
  results: Partial<Record<EntityName, EntityResult>>,
): Partial<Record<EntityName, EntityCounts>> {
  return Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v?.counts])) as Partial<
    Record<EntityName, EntityCounts>
  >;
}
