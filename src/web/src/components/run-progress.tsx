// A run while it happens and once it ends: status, which entity is being read, a progress bar when the
// connector reports a total, and the counts so far.
import {
  COUNT_KEYS,
  progressOf,
  RUN_STATUS_LABEL,
  runTone,
  totalCounts,
  type Run,
} from '../api/integrations.js';
import { durationBetween, formatDuration } from '../lib/format.js';
import { Badge } from './states.js';

const LABEL: Record<string, [string, string]> = {
  created: ['created', 'to create'],
  updated: ['updated', 'to update'],
  unchanged: ['unchanged', 'unchanged'],
  inactivated: ['inactivated', 'to inactivate'],
  skipped: ['skipped (unmapped or to review)', 'to skip (unmapped or to review)'],
  failed: ['failed', 'failed'],
};

export function RunCounts({ run }: { run: Run }) {
  const c = totalCounts(run);
  return (
    <p className="counts">
      {COUNT_KEYS.map((k) => (
        <span key={k}>
          <strong>{c[k].toLocaleString()}</strong> {LABEL[k]?.[run.dryRun ? 1 : 0] ?? k}
        </span>
      ))}
    </p>
  );
}

export function RunProgress({ run }: { run: Run }) {
  const p = progressOf(run);
  const running = run.status === 'running' || run.status === 'queued';
  const done = p?.done ?? null;
  const pct = done !== null && p?.total ? Math.min(100, Math.round((done / p.total) * 100)) : null;
  const err = run.error;
  const reading = [
    p?.entity ? `Reading ${p.entity}` : 'Starting',
    done !== null
      ? `${done.toLocaleString()}${p?.total ? ` of ${p.total.toLocaleString()}` : ''} records`
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="run-progress">
      <p>
        <Badge tone={runTone(run.status)}>{RUN_STATUS_LABEL[run.status] ?? run.status}</Badge>{' '}
        {run.dryRun ? 'Preview' : 'Import'} #{run.id} ·{' '}
        {formatDuration(durationBetween(run.startedAt, run.finishedAt))}
      </p>
      {running && (
        <>
          <div
            className="progress"
            role="progressbar"
            aria-label={run.dryRun ? 'Preview progress' : 'Import progress'}
            aria-valuemin={0}
            {...(pct !== null ? { 'aria-valuemax': 100, 'aria-valuenow': pct } : {})}
            aria-valuetext={reading}
          >
            <span
              style={{ width: pct !== null ? `${pct}%` : '35%' }}
              className={pct === null ? 'indeterminate' : undefined}
            />
          </div>
          <p className="muted small">{reading} — you can leave this page; the run continues on the server.</p>
        </>
      )}
      <RunCounts run={run} />
      {err && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">{err.kind ? `Failed (${err.kind.replace('_', ' ')})` : 'Failed'}</p>
          <p>{err.message ?? err.code}</p>
        </div>
      )}
    </div>
  );
}
