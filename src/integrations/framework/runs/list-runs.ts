// Run history and run detail (live counts while running, per-record errors, pending sweep) for the
// console, the API and the CLI.
import { requireAdmin } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { IntegrationRunTable } from '../../../db/schema/integrations.js';
import type { Selectable } from 'kysely';
import type { IntegrationCtx } from '../context.js';
import type { PendingSweep } from './instance-status.js';

export interface RunView {
  id: number;
  instanceId: number;
  trigger: string;
  dryRun: boolean;
  status: string;
  entities: string[];
  startedAt: string;
  finishedAt: string | null;
  modes: Record<string, { mode: string; reason: string } | null>;
  counts: Record<string, Record<string, number> | null>;
  progress: unknown;
  cursorBefore: unknown;
  cursorAfter: unknown;
  error: { code: string; kind: string | null; message: string | null } | null;
  pendingSweep: PendingSweep | null;
  sweepDecision: string | null;
  decidedAt: string | null;
}

const json = <T>(s: string | null, fallback: T): T => (s ? (JSON.parse(s) as T) : fallback);

export function toRunView(r: Selectable<IntegrationRunTable>): RunView {
  return {
    id: r.id,
    instanceId: r.instance_id,
    trigger: r.trigger,
    dryRun: r.dry_run === 1,
    status: r.status,
    entities: json(r.entities_json, []),
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    modes: json(r.modes_json, {}),
    counts: json(r.counts_json, {}),
    progress: json(r.progress_json, null),
    cursorBefore: json(r.cursor_before_json, null),
    cursorAfter: json(r.cursor_after_json, null),
    error: r.error_code ? { code: r.error_code, kind: r.error_kind, message: r.error_message } : null,
    pendingSweep: json(r.pending_sweep_json, null),
    sweepDecision: r.sweep_decision,
    decidedAt: r.decided_at,
  };
}

export async function listRuns(
  ctx: IntegrationCtx,
  instanceId: number,
  o: { limit?: number } = {},
): Promise<RunView[]> {
  requireAdmin(ctx);
  const rows = await ctx.db
    .selectFrom('integration_runs')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .orderBy('id', 'desc')
    .limit(o.limit ?? 50)
    .execute();
  return rows.map(toRunView);
}

export interface RunDetail extends RunView {
  recordErrors: {
    entity: string;
    externalId: string | null;
    name: string | null;
    code: string;
    message: string;
  }[];
  preview: unknown[] | null;
}

export async function getRun(ctx: IntegrationCtx, runId: number): Promise<RunDetail> {
  requireAdmin(ctx);
  const r = await ctx.db
    .selectFrom('integration_runs')
    .selectAll()
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!r) throw notFound('Run', runId);
  const errors = await ctx.db
    .selectFrom('run_record_errors')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('id')
    .limit(1000)
    .execute();
  return {
    ...toRunView(r),
    recordErrors: errors.map((e) => ({
      entity: e.entity,
      externalId: e.external_id,
      name: e.external_name,
      code: e.code,
      message: e.message,
    })),
    preview: json(r.preview_json, null),
  };
}
