// Import: preview what a sync would change (a dry run that writes nothing), then import, with live progress.
// Runs happen on the server; this page only polls, so nothing here blocks while a long sync runs.
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../../api/client.js';
import {
  integrations,
  isRunActive,
  type PreviewChange,
  type Run,
  type RunDetail,
} from '../../api/integrations.js';
import { Button } from '../../components/button.js';
import { DataTable } from '../../components/data-table.js';
import { Checkbox } from '../../components/field.js';
import { Link } from '../../components/link.js';
import { Section } from '../../components/page.js';
import { RunProgress } from '../../components/run-progress.js';
import { EmptyState, Notice } from '../../components/states.js';
import { useToast } from '../../components/toast.js';
import { usePolling } from '../../lib/use-resource.js';
import type { InstanceTabProps } from './instance-page.js';

const isActive = isRunActive;

const ENTITY_LABEL: Record<string, string> = {
  customers: 'Customer',
  licences: 'Licence',
  users: 'User',
  agents: 'Agent',
};

const ACTION_LABEL: Record<PreviewChange['action'], string> = {
  create: 'Create',
  update: 'Update',
  inactivate: 'Inactivate',
};

function PreviewTable({ changes }: { changes: PreviewChange[] }) {
  const shown = changes.slice(0, 500);
  return (
    <DataTable
      caption="Changes the import would make"
      showCaption
      rows={shown}
      rowKey={(c) => `${c.entity}:${c.action}:${c.externalId}`}
      columns={[
        { key: 'action', header: 'Change', cell: (c) => ACTION_LABEL[c.action] ?? c.action },
        { key: 'entity', header: 'Kind', cell: (c) => ENTITY_LABEL[c.entity] ?? c.entity },
        { key: 'name', header: 'Name', cell: (c) => c.name },
        { key: 'external', header: 'External id', cell: (c) => <code>{c.externalId}</code> },
        {
          key: 'fields',
          header: 'Changed fields',
          cell: (c) =>
            c.changes && Object.keys(c.changes).length ? (
              <ul className="change-list">
                {Object.entries(c.changes).map(([k, v]) => (
                  <li key={k}>
                    {k}: <del>{v.from ?? '(empty)'}</del> → <ins>{v.to ?? '(empty)'}</ins>
                  </li>
                ))}
              </ul>
            ) : (
              '—'
            ),
        },
      ]}
      empty={<EmptyState title="Nothing would change">The records here already match the source.</EmptyState>}
    />
  );
}

export function ImportTab({ instance, connector, reload }: InstanceTabProps) {
  const toast = useToast();
  const [entities, setEntities] = useState<string[]>(instance.entities ?? connector.entities);
  const [preview, setPreview] = useState<RunDetail | Run | null>(null);
  const [importRun, setImportRun] = useState<Run | null>(null);
  const [starting, setStarting] = useState<'preview' | 'import' | null>(null);

  // Attach to a run already under way (started here before leaving the tab, from the Integrator, or by the
  // schedule): the latest run is read fresh rather than trusting the instance loaded with the page.
  useEffect(() => {
    let cancelled = false;
    api
      .get<Run[]>(integrations.runs(instance.id, 1))
      .then(([latest]) => {
        if (cancelled || !latest || !isActive(latest)) return;
        if (latest.dryRun) setPreview(latest);
        else setImportRun(latest);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [instance.id]);

  const poll = useCallback(async () => {
    for (const [run, set] of [
      [preview, setPreview],
      [importRun, setImportRun],
    ] as const) {
      if (!isActive(run) || !run) continue;
      try {
        const next = await integrations.getRun(run.id);
        set(next);
        if (!isActive(next)) {
          toast.show(
            next.dryRun ? 'Preview ready' : `Import finished: ${next.status}`,
            next.status === 'failed' ? 'error' : 'success',
          );
          if (!next.dryRun) reload();
        }
      } catch {
        // A missed poll is retried a second later.
      }
    }
  }, [preview, importRun, instance.id, reload, toast]);
  usePolling(poll, 1000, isActive(preview) || isActive(importRun));

  const start = async (dryRun: boolean) => {
    setStarting(dryRun ? 'preview' : 'import');
    try {
      const started = await integrations.startRun(instance.id, { dryRun, entities });
      reload(); // the header's status shows "Running" too
      // A run that finished at once (small estates) still needs its detail: the preview rows live there.
      const run = isActive(started) ? started : await integrations.getRun(started.id);
      if (dryRun) setPreview(run);
      else {
        // The preview is stale once an import starts; the import's own progress takes its place.
        setPreview(null);
        setImportRun(run);
        window.setTimeout(
          () =>
            document.getElementById('import-title')?.scrollIntoView({ block: 'start', behavior: 'smooth' }),
          0,
        );
      }
    } catch (e) {
      toast.show(errorMessage(e), 'error');
    } finally {
      setStarting(null);
    }
  };

  const busy = isActive(preview) || isActive(importRun);
  const changes = preview && !isActive(preview) && 'preview' in preview ? (preview.preview ?? []) : [];
  return (
    <>
      <Section title="What to import">
        <fieldset className="fieldset">
          <legend>Entities</legend>
          {connector.entities.map((e) => (
            <Checkbox
              key={e}
              label={e.charAt(0).toUpperCase() + e.slice(1)}
              checked={entities.includes(e)}
              onChange={(ev) =>
                setEntities((cur) => (ev.target.checked ? [...cur, e] : cur.filter((x) => x !== e)))
              }
            />
          ))}
        </fieldset>
        {entities.length === 0 && <Notice tone="warning">Choose at least one entity.</Notice>}
        <div className="form-actions">
          <Button
            onClick={() => void start(true)}
            busy={starting === 'preview'}
            disabled={busy || entities.length === 0}
          >
            Preview changes
          </Button>
          <Button
            variant="primary"
            onClick={() => void start(false)}
            busy={starting === 'import'}
            disabled={busy || entities.length === 0}
          >
            Import now
          </Button>
        </div>
        <p className="muted small">
          Only mapped {connector.containerLabel}s are imported. Check the Mappings tab first.
        </p>
      </Section>
      {preview && (
        <Section title="Preview" id="preview">
          <div aria-live="polite">
            <RunProgress run={preview} />
          </div>
          {!isActive(preview) && preview.status !== 'failed' && (
            <>
              <PreviewTable changes={changes} />
              <div className="form-actions">
                <Button
                  variant="primary"
                  onClick={() => void start(false)}
                  busy={starting === 'import'}
                  disabled={busy}
                >
                  Import these changes
                </Button>
              </div>
            </>
          )}
        </Section>
      )}
      {importRun && (
        <Section
          title="Import"
          id="import"
          actions={<Link to={`/instances/${instance.id}/runs/${importRun.id}`}>Run details</Link>}
        >
          <div aria-live="polite">
            <RunProgress run={importRun} />
          </div>
          {!isActive(importRun) && importRun.status === 'needs_approval' && (
            <Notice tone="warning" title="Waiting for approval">
              <p>
                This run would deactivate more records than the deletion guard allows.{' '}
                <Link to={`/instances/${instance.id}/runs/${importRun.id}`}>
                  Review and approve or reject it
                </Link>
                .
              </p>
            </Notice>
          )}
        </Section>
      )}
    </>
  );
}
