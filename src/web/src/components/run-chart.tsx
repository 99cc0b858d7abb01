// The last runs of an instance as a small inline SVG: one bar per run, its height the run's duration and its
// colour the outcome, with a line for the records each run changed. A text summary stands in for screen readers.
import { totalCounts, RUN_STATUS_LABEL, type Run } from '../api/integrations.js';
import { durationBetween, formatDateTime, formatDuration } from '../lib/format.js';

const COLOURS: Record<string, string> = {
  succeeded: '#3b9b65',
  partial: '#d99a2b',
  failed: '#d1453b',
  needs_approval: '#d99a2b',
  running: '#4a8fd1',
  queued: '#9aa8b6',
};

export function RunChart({
  runs,
  width = 320,
  height = 72,
}: {
  runs: readonly Run[];
  width?: number;
  height?: number;
}) {
  const ordered = [...runs].sort((a, b) => a.startedAt.localeCompare(b.startedAt)).slice(-30);
  if (ordered.length === 0) return <p className="muted">No runs yet.</p>;
  const durations = ordered.map((r) => durationBetween(r.startedAt, r.finishedAt) ?? 0);
  const changes = ordered.map((r) => {
    const c = totalCounts(r);
    return c.created + c.updated + c.inactivated;
  });
  const maxD = Math.max(1, ...durations);
  const maxC = Math.max(1, ...changes);
  const slot = width / 30;
  const barW = Math.max(2, slot - 3);
  const top = 4;
  const plot = height - top - 2;
  const offset = width - ordered.length * slot;
  const failed = ordered.filter((r) => r.status === 'failed').length;
  const summary = `${ordered.length} runs, ${failed} failed; longest ${formatDuration(maxD)}; most records changed in one run ${maxC === 1 && changes.every((c) => c === 0) ? 0 : maxC}.`;
  const points = changes
    .map((c, i) => `${offset + i * slot + barW / 2},${top + plot - (c / maxC) * plot}`)
    .join(' ');
  return (
    <figure className="run-chart">
      <svg
        className="chart"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Last runs: ${summary}`}
      >
        <line x1="0" x2={width} y1={height - 1} y2={height - 1} stroke="#d9e0e8" />
        {ordered.map((r, i) => {
          const h = Math.max(2, ((durations[i] ?? 0) / maxD) * plot);
          const c = totalCounts(r);
          return (
            <rect
              key={r.id}
              x={offset + i * slot}
              y={top + plot - h}
              width={barW}
              height={h}
              rx="1.5"
              fill={COLOURS[r.status] ?? '#9aa8b6'}
              opacity="0.85"
            >
              <title>
                {`Run #${r.id} · ${formatDateTime(r.startedAt)} · ${RUN_STATUS_LABEL[r.status] ?? r.status} · ${formatDuration(durations[i])} · ` +
                  `${c.created} created, ${c.updated} updated, ${c.inactivated} inactivated, ${c.failed} failed`}
              </title>
            </rect>
          );
        })}
        {ordered.length > 1 && (
          <polyline
            points={points}
            fill="none"
            stroke="#1d3b5a"
            strokeWidth="1.5"
            strokeLinejoin="round"
            opacity="0.7"
          />
        )}
      </svg>
      <figcaption className="chart-legend">
        <span className="chart-title">Last {ordered.length === 1 ? 'run' : `${ordered.length} runs`}</span>
        <span>
          <span className="swatch" style={{ background: COLOURS.succeeded }} />
          Bar height: duration
        </span>
        <span>
          <span className="swatch" style={{ background: '#1d3b5a', height: '2px' }} />
          Line: records changed
        </span>
        <span className="visually-hidden">{summary}</span>
      </figcaption>
    </figure>
  );
}
