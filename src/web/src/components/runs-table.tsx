// Run history: when, how, outcome, duration, counts, and a link to each run's per-record errors.
import { RUN_STATUS_LABEL, runTone, totalCounts, type Run } from '../api/integrations.js';
import { durationBetween, formatDateTime, formatDuration } from '../lib/format.js';
import { DataTable } from './data-table.js';
import { Link } from './link.js';
import { Badge, EmptyState } from './states.js';

export function RunsTable({ instanceId, runs }: { instanceId: number; runs: Run[] }) {
  return (
    <DataTable
      caption="Run history"
      rows={runs}
      rowKey={(r) => r.id}
      columns={[
        {
          key: 'id',
          header: 'Run',
          cell: (r) => <Link to={`/instances/${instanceId}/runs/${r.id}`}>#{r.id}</Link>,
        },
        { key: 'started', header: 'Started', cell: (r) => formatDateTime(r.startedAt) },
        { key: 'trigger', header: 'Trigger', cell: (r) => `${r.trigger}${r.dryRun ? ' (preview)' : ''}` },
        {
          key: 'status',
          header: 'Outcome',
          cell: (r) => <Badge tone={runTone(r.status)}>{RUN_STATUS_LABEL[r.status] ?? r.status}</Badge>,
        },
        {
          key: 'duration',
          header: 'Duration',
          numeric: true,
          cell: (r) => formatDuration(durationBetween(r.startedAt, r.finishedAt)),
        },
        { key: 'created', header: 'Created', numeric: true, cell: (r) => totalCounts(r).created },
        { key: 'updated', header: 'Updated', numeric: true, cell: (r) => totalCounts(r).updated },
        { key: 'unchanged', header: 'Unchanged', numeric: true, cell: (r) => totalCounts(r).unchanged },
        { key: 'inactivated', header: 'Inactivated', numeric: true, cell: (r) => totalCounts(r).inactivated },
        { key: 'skipped', header: 'Skipped', numeric: true, cell: (r) => totalCounts(r).skipped },
        {
          key: 'failed',
          header: 'Failed',
          numeric: true,
          cell: (r) => {
            const n = totalCounts(r).failed;
            return n > 0 ? (
              <Link
                to={`/instances/${instanceId}/runs/${r.id}`}
                aria-label={`${n} failed records in run ${r.id}`}
              >
                {n}
              </Link>
            ) : (
              0
            );
          },
        },
      ]}
      empty={
        <EmptyState title="No runs yet">
          Runs appear here after a preview, an import, or a scheduled sync.
        </EmptyState>
      }
    />
  );
}
