// One run: outcome, counts per entity, the per-record errors, and — when the deletion guard stopped it — approve
// or reject the deactivations it is waiting on.
import { useCallback, useState } from 'react';
import { errorMessage } from '../api/client.js';
import { countsByEntity, integrations, RUN_STATUS_LABEL, type Instance, type RecordError, type Run } from '../api/integrations.js';
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
  const run = useResource<Run>(integrations.run(instanceId, runId));
  const errors = useResource<RecordError[]>(integrations.runErrors(instanceId, runId));
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const [confirm, setConfirm] = useState<'approve' | 'reject' | null>(null);
  const running = run.data?.status === 'running' || run.data?.status === 'queued';
  usePolling(
    useCallback(async () => {
      run.reload();
      errors.reload();
    }, [run.reload, errors.reload]),
    1000,
    running,
  );

  const decide = async (what: 'approve' | 'reject') => {
    if (!run.data) return;
    setDeciding(what);
    try {
      const id = Number(instanceId);
      if (what === 'approve') await integrations.approve(id, run.data.id);
      else await integrations.reject(id, run.data.id);
      toast.show(what === 'approve' ? 'Approved: the deactivations are being applied' : 'Rejected: nothing was deactivated');
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
  const pending = r.pendingSweep as Record<string, unknown> | null | undefined;
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
          <p>The read finished without errors but would deactivate more records than the deletion guard allows{pending ? ':' : '.'}</p>
          {pending && (
            <ul>
              {Object.entries(pending).map(([k, v]) => (
                <li key={k}>
                  {k}: {typeof v === 'object' ? JSON.stringify(v) : String(v)}
                </li>
              ))}
            </ul>
          )}
          <div className="form-actions">
            <Button variant="danger" onClick={() => setConfirm('approve')}>
              Approve deactivations
            </Button>
            <Button onClick={() => setConfirm('reject')}>Reject</Button>
          </div>
        </Notice>
      )}
      {r.sweepDecision && (
        <Notice tone="info">
          <p>The deactivations were {r.sweepDecision}.</p>
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
            { key: 'entity', header: 'Entity', cell: ([e]) => `${e}${r.modes?.[e] ? ` (${r.modes[e]} read)` : ''}` },
            { key: 'created', header: 'Created', numeric: true, cell: ([, c]) => c.created ?? 0 },
            { key: 'updated', header: 'Updated', numeric: true, cell: ([, c]) => c.updated ?? 0 },
            { key: 'unchanged', header: 'Unchanged', numeric: true, cell: ([, c]) => c.unchanged ?? 0 },
            { key: 'deactivated', header: 'Deactivated', numeric: true, cell: ([, c]) => c.deactivated ?? 0 },
            { key: 'failed', header: 'Failed', numeric: true, cell: ([, c]) => c.failed ?? 0 },
          ]}
          empty={<p className="muted">No counts recorded.</p>}
        />
      </Section>
      <Section title="Record errors">
        {errors.error && <ErrorNotice error={errors.error} title="Could not load the record errors" onRetry={errors.reload} />}
        {errors.data && (
          <DataTable
            caption="Records that failed in this run"
            rows={errors.data}
            rowKey={(e) => e.id}
            columns={[
              { key: 'entity', header: 'Entity', cell: (e) => e.entity },
              { key: 'name', header: 'Record', cell: (e) => e.externalName ?? '—' },
              { key: 'external', header: 'External id', cell: (e) => (e.externalId ? <code>{e.externalId}</code> : '—') },
              { key: 'code', header: 'Code', cell: (e) => <code>{e.code}</code> },
              { key: 'message', header: 'Message', cell: (e) => e.message },
            ]}
            empty={<EmptyState title="No record errors">Every record in this run was processed.</EmptyState>}
          />
        )}
      </Section>
      <Dialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm === 'approve' ? 'Approve the deactivations?' : 'Reject the deactivations?'}
        footer={
          <>
            <Button onClick={() => setConfirm(null)}>Cancel</Button>
            <Button variant={confirm === 'approve' ? 'danger' : 'primary'} busy={deciding !== null} onClick={() => confirm && void decide(confirm)}>
              {confirm === 'approve' ? 'Approve' : 'Reject'}
            </Button>
          </>
        }
      >
        <p>
          {confirm === 'approve'
            ? 'The records the source no longer lists will be marked inactive. Nothing is deleted; they can be reactivated.'
            : 'Nothing will be deactivated. The next complete read will check again.'}
        </p>
      </Dialog>
    </>
  );
}
