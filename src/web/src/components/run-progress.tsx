// A run while it happens and once it ends: status, a progress bar when the total is known, and live counts.
import { COUNT_KEYS, progressOf, RUN_STATUS_LABEL, runError, runTone, totalCounts, type Run } from '../api/integrations.js';
import { durationBetween, formatDuration } from '../lib/format.js';
import { Badge } from './states.js';

export function RunCounts({ run }: { run: Run }) {
  const c = totalCounts(run);
  return (
    <p className="counts">
      {COUNT_KEYS.map((k) => (
        <span key={k}>
          <strong>{c[k].toLocaleString()}</strong> {run.dryRun && k !== 'unchanged' && k !== 'failed' ? `to be ${k}` : k}
        </span>
      ))}
    </p>
  );
}

export function RunProgress({ run }: { run: Run }) {
  const p = progressOf(run);
  const running = run.status === 'running' || run.status === 'queued';
  const pct = p && p.total ? Math.min(100, Math.round((p.done / p.total) * 100)) : null;
  const err = runError(run);
  return (
    <div className="run-progress">
      <p>
        <Badge tone={runTone(run.status)}>{RUN_STATUS_LABEL[run.status] ?? run.status}</Badge> {run.dryRun ? 'Preview' : 'Import'} #{run.id} ·{' '}
        {formatDuration(durationBetween(run.startedAt, run.finishedAt))}
      </p>
      {running && (
        <>
          <div
            className="progress"
            role="progressbar"
            aria-label={run.dryRun ? 'Preview progress' : 'Import progress'}
            aria-valuemin={0}
            aria-valuemax={p?.total ?? undefined}
            aria-valuenow={p?.total ? p.done : undefined}
            aria-valuetext={p ? `${p.done.toLocaleString()}${p.total ? ` of ${p.total.toLocaleString()}` : ''} records${p.entity ? ` (${p.entity})` : ''}` : 'Starting'}
          >
            <span style={{ width: pct !== null ? `${pct}%` : '35%' }} className={pct === null ? 'indeterminate' : undefined} />
          </div>
          <p className="muted small">
            {p ? `${p.done.toLocaleString()}${p.total ? ` of ${p.total.toLocaleString()}` : ''} records read${p.entity ? ` · ${p.entity}` : ''}` : 'Starting…'} — you can
            leave this page; the run continues.
          </p>
        </>
      )}
      <RunCounts run={run} />
      {err?.message && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">{err.kind ? `Failed (${err.kind})` : 'Failed'}</p>
          <p>{err.message}</p>
        </div>
      )}
    </div>
  );
}
