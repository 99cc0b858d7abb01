// `tributary integrator AUTO`: run every enabled instance once and report, for cron / systemd timers /
// Windows Task Scheduler. Paused instances are listed but not run (resume them first).
import type { Services } from '../services.js';
import { listEnabledInstances, type ScheduledInstance } from './instances.js';
import type { AfterRunHook } from './notify/notifier.js';
import { totalCounts, type RunCounts, type RunInstanceFn, type OutcomeStatus } from './runner-port.js';

export interface AutoRow {
  instanceId: number;
  instance: string;
  connector: string;
  status: OutcomeStatus | 'paused';
  counts: RunCounts | null;
  durationMs: number;
  runId: number | null;
  error: { code: string; kind: string; message: string } | null;
}

export interface AutoOptions {
  runInstance: RunInstanceFn;
  afterRun: AfterRunHook;
  concurrency: number;
  signal?: AbortSignal;
}

export async function runAuto(services: Services, options: AutoOptions): Promise<AutoRow[]> {
  const instances = await listEnabledInstances(services.db);
  const rows: AutoRow[] = new Array<AutoRow>(instances.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      const instance = instances[index];
      if (!instance) return;
      rows[index] = await runOne(services, options, instance);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.concurrency, instances.length)) }, worker),
  );
  return rows;
}

async function runOne(
  services: Services,
  options: AutoOptions,
  instance: ScheduledInstance,
): Promise<AutoRow> {
  const base = { instanceId: instance.id, instance: instance.name, connector: instance.connectorId };
  if (instance.pausedReason !== null) {
    return {
      ...base,
      status: 'paused',
      counts: null,
      durationMs: 0,
      runId: null,
      error: { code: 'PAUSED', kind: 'config', message: instance.pausedReason },
    };
  }
  const started = Date.now();
  const outcome = await options.runInstance(services, {
    instanceId: instance.id,
    trigger: 'auto',
    ...(instance.entities ? { entities: instance.entities } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  await options.afterRun({ instanceId: instance.id, outcome, willRetry: false });
  return {
    ...base,
    status: outcome.status,
    counts: totalCounts(outcome),
    durationMs: Date.now() - started,
    runId: outcome.runId || null,
    error: outcome.error ?? null,
  };
}

/** Exit status for AUTO: non-zero when any run failed. */
export const autoFailed = (rows: readonly AutoRow[]): boolean => rows.some((r) => r.status === 'failed');

export function formatAutoTable(rows: readonly AutoRow[]): string {
  const header = [
    'instance',
    'connector',
    'status',
    'created',
    'updated',
    'unchanged',
    'inactivated',
    'failed',
    'duration',
    'error',
  ];
  const body = rows.map((r) => [
    `${r.instance} (#${r.instanceId})`,
    r.connector,
    r.status,
    ...(r.counts
      ? [r.counts.created, r.counts.updated, r.counts.unchanged, r.counts.inactivated, r.counts.failed].map(
          String,
        )
      : ['-', '-', '-', '-', '-']),
    `${(r.durationMs / 1000).toFixed(1)}s`,
    r.error ? `${r.error.code}: ${r.error.message}`.replace(/\s+/g, ' ').slice(0, 120) : '',
  ]);
  if (rows.length === 0) return 'No enabled integration instances.';
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const numeric = new Set([3, 4, 5, 6, 7, 8]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
