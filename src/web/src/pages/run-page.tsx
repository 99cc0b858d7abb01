// One run: outcome, counts per entity, the per-record errors, and — when the deletion guard stopped it — approve
// or reject the deactivations it is waiting on.
import { useCallback, useState } from 'react';
import { errorMessage } from '../api/client.js';
import {
  countsByEntity,
  integrations,
  RUN_STATUS_LABEL,
  type Instance,
  type RunDetail,
} from '../api/integrations.js';
import { Button } from '../components/button.js';
import { DataTable } from '../components/data-table.js';
import { Dialog } from '../components/dialog.js';
import { PageHeader, Section } from '../components/page.js';
import { RunProgress } from '../components/run-progress.js';
import { EmptyState, ErrorNotice, Loading, Notice } from '../components/states.js';
import { useToast } from '../components/toast.js';
import { formatDateTime } from '../lib/format.js';
import { usePolling, useResource } from '../lib/use-resource.js';

export function RunPage({ instanceId, runId }: { instanceId: string; runId: string }) {
  const toast = useToast();
  const instance = useResource<Instance>(integrations.instance(instanceId));
  const run = useResource<RunDetail>(integrations.run(runId));
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const [confirm, setConfirm] = useState<'approve' | 'reject' | null>(null);
  const running = run.data?.status === 'running' || run.data?.status === 'queued';
  usePolling(
    useCallback(async () => run.reload(), [run.reload]),
    1000,
    running,
  );

  const decide = async (what: 'approve' | 'reject') => {
    if (!run.data) return;
    setDeciding(what);
    try {
      if (what === 'approve') await integrations.approve(run.data.id);
      else await integrations.reject(run.data.id);
      toast.show(
        what === 'approve' ? 'Approved: the records were inactivated' : 'Rejected: nothing was inactivated',
      );
      setConfirm(null);
      run.reload();
    } catch (e) {
      toast.show(errorMessage(e), 'error');
    } finally {
      setDeciding(null);
    }
  };

  const crumbs = [
    { label: 'Integrations', to: '/integrations' },
    { label: instance.data?.name ?? `Connection ${instanceId}`, to: `/instances/${instanceId}/integrator` },
  ];
  if (run.error) {
    return (
      <>
        <PageHeader title={`Run #${runId}`} crumbs={crumbs} />
        <ErrorNotice error={run.error} title="Could not load this run" onRetry={run.reload} />
      </>
    );
  }
  if (!run.data) return <Loading />;
  const r = run.data;
  const pending = r.pendingSweep;
  return (
    <>
      <PageHeader title={`Run #${r.id}${r.dryRun ? ' (preview)' : ''}`} crumbs={crumbs}>
        <p className="page-meta">
          {RUN_STATUS_LABEL[r.status] ?? r.status} · started {formatDateTime(r.startedAt)} by {r.trigger}
          {r.finishedAt ? ` · finished ${formatDateTime(r.finishedAt)}` : ''}
        </p>
      </PageHeader>
      {r.status === 'needs_approval' && !r.sweepDecision && (
        <Notice tone="warning" title="Waiting for your approval">
          <p>
            The read finished without errors but would inactivate more records than the deletion guard allows.
          </p>
          {pending && (
            <>
              <ul>
                {Object.entries(pending.reasons).map(([entity, reason]) => (
                  <li key={entity}>
                    {entity}: {reason}
                  </li>
                ))}
              </ul>
              <details>
                <summary>
                  {pending.candidates.length.toLocaleString()} records the source no longer lists
                </summary>
                <ul className="change-list">
                  {pending.candidates.slice(0, 200).map((c) => (
                    <li key={`${c.entity}:${c.externalId}`}>
                      {c.entity}: {c.name ?? c.externalId} <code>{c.externalId}</code>
                    </li>
                  ))}
                </ul>
              </details>
            </>
          )}
          <div className="form-actions">
            <Button variant="danger" onClick={() => setConfirm('approve')}>
              Approve inactivations
            </Button>
            <Button onClick={() => setConfirm('reject')}>Reject</Button>
          </div>
        </Notice>
      )}
      {r.sweepDecision && (
        <Notice tone="info">
          <p>The inactivations were {r.sweepDecision}.</p>
        </Notice>
      )}
      <Section title="Outcome">
        <div aria-live="polite">
          <RunProgress run={r} />
        </div>
        <DataTable
          caption="Counts per entity"
          rows={countsByEntity(r)}
          rowKey={([e]) => e}
          columns={[
            { key: 'entity', header: 'Entity', cell: ([e]) => e },
            {
              key: 'mode',
              header: 'Read',
              // Which read ran and why ("incremental", "changes only (corp: uSNChanged > 4002 on the same
              // DC)"): the why is what an admin looks for when a run was slower or found less than expected.
              cell: ([e]) => {
                const m = r.modes?.[e];
                if (!m) return '—';
                return (
                  <>
                    {m.mode}
                    {m.reason && <span className="muted small run-mode-reason">{m.reason}</span>}
                  </>
                );
              },
            },
            { key: 'created', header: 'Created', numeric: true, cell: ([, c]) => c.created ?? 0 },
            { key: 'updated', header: 'Updated', numeric: true, cell: ([, c]) => c.updated ?? 0 },
            { key: 'unchanged', header: 'Unchanged', numeric: true, cell: ([, c]) => c.unchanged ?? 0 },
            { key: 'inactivated', header: 'Inactivated', numeric: true, cell: ([, c]) => c.inactivated ?? 0 },
            { key: 'skipped', header: 'Skipped', numeric: true, cell: ([, c]) => c.skipped ?? 0 },
            { key: 'failed', header: 'Failed', numeric: true, cell: ([, c]) => c.failed ?? 0 },
          ]}
          empty={<p className="muted">No counts recorded.</p>}
        />
      </Section>
      <Section title="Record errors">
        <DataTable
          caption="Records that failed in this run"
          rows={r.recordErrors}
          rowKey={(e) => `${e.entity}:${e.externalId ?? ''}:${e.code}:${e.message}`}
          columns={[
            { key: 'entity', header: 'Entity', cell: (e) => e.entity },
            { key: 'name', header: 'Record', cell: (e) => e.name ?? '—' },
            {
              key: 'external',
              header: 'External id',
              cell: (e) => (e.externalId ? <code>{e.externalId}</code> : '—'),
            },
            { key: 'code', header: 'Code', cell: (e) => <code>{e.code}</code> },
            { key: 'message', header: 'Message', cell: (e) => e.message },
          ]}
          empty={<EmptyState title="No record errors">Every record in this run was processed.</EmptyState>}
        />
      </Section>
      <Dialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm === 'approve' ? 'Approve the inactivations?' : 'Reject the inactivations?'}
        footer={
          <>
            <Button onClick={() => setConfirm(null)}>Cancel</Button>
            <Button
              variant={confirm === 'approve' ? 'danger' : 'primary'}
              busy={deciding !== null}
              onClick={() => confirm && void decide(confirm)}
            >
              {confirm === 'approve' ? 'Approve' : 'Reject'}
            </Button>
          </>
        }
      >
        <p>
          {confirm === 'approve'
            ? 'The records the source no longer lists will be marked inactive. Nothing is deleted; they can be reactivated.'
            : 'Nothing will be inactivated. The next complete read will check again.'}
        </p>
      </Dialog>
    </>
  );
}
