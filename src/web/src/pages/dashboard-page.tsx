// Every integration instance with its health, Last Sync, Last Error, next run and a chart of its last 30 runs.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { integrations, type ConnectorInfo, type Instance, type Run } from '../api/integrations.js';
import { InstanceStatusBadge } from '../components/instance-status.js';
import { Link } from '../components/link.js';
import { PausedNotice } from '../components/paused-notice.js';
import { PageHeader } from '../components/page.js';
import { RunChart } from '../components/run-chart.js';
import { EmptyState, ErrorNotice, Loading } from '../components/states.js';
import { formatDateTime, formatRelative } from '../lib/format.js';
import { nextRunOf } from '../lib/schedule.js';
import { usePolling, useResource } from '../lib/use-resource.js';

function InstanceCard({
  instance,
  connector,
  onChanged,
}: {
  instance: Instance;
  connector: ConnectorInfo | undefined;
  onChanged: () => void;
}) {
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [runsError, setRunsError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setRuns(await api.get<Run[]>(integrations.runs(instance.id, 30)));
      setRunsError(null);
    } catch (e) {
      setRunsError(e);
    }
  }, [instance.id]);
  useEffect(() => void load(), [load, instance.status.lastRunId]);
  const next = nextRunOf(instance);
  const s = instance.status;
  return (
    <li className="card">
      <div className="card-header">
        <div>
          <h2>
            <Link to={`/instances/${instance.id}/integrator`}>{instance.name}</Link>
          </h2>
          {(connector?.displayName ?? instance.connectorId) !== instance.name && (
            <p className="muted">{connector?.displayName ?? instance.connectorId}</p>
          )}
        </div>
        <InstanceStatusBadge instance={instance} />
      </div>
      <PausedNotice instance={instance} onResumed={onChanged} />
      <dl className="stat-row">
        <div className="stat">
          <dt className="stat-label">Last Sync</dt>
          <dd className="stat-value" title={formatDateTime(s.lastSyncAt)}>
            {formatRelative(s.lastSyncAt)}
          </dd>
        </div>
        <div className="stat">
          <dt className="stat-label">Next run</dt>
          <dd className="stat-value">
            {next ? (
              <span title={formatDateTime(next.toISOString())}>{formatRelative(next.toISOString())}</span>
            ) : instance.enabled ? (
              '—'
            ) : (
              'Disabled'
            )}
          </dd>
        </div>
      </dl>
      <div>
        <span className="stat-label">Last Error</span>
        <p className={s.lastError ? 'error-text' : 'muted'}>
          {s.lastError
            ? `${s.lastError}${s.lastErrorAt ? ` (${formatRelative(s.lastErrorAt)})` : ''}`
            : 'None'}
        </p>
      </div>
      {runsError ? (
        <p className="error-text">Run history unavailable.</p>
      ) : runs ? (
        <RunChart runs={runs} />
      ) : (
        <Loading label="Loading runs…" />
      )}
    </li>
  );
}

export function DashboardPage() {
  const instances = useResource<Instance[]>(integrations.instances());
  const connectors = useResource<ConnectorInfo[]>(integrations.connectors());
  const anyRunning = (instances.data ?? []).some((i) => i.status.runningRunId !== null);
  // Refresh while something runs (and gently otherwise), so Last Sync updates without a reload.
  usePolling(
    useCallback(async () => instances.reload(), [instances.reload]),
    anyRunning ? 2000 : 15000,
    instances.data !== undefined,
  );
  return (
    <>
      <PageHeader
        title="Dashboard"
        actions={
          <Link className="btn btn-secondary" to="/integrations">
            Manage integrations
          </Link>
        }
      />
      {instances.error && (
        <ErrorNotice error={instances.error} title="Could not load integrations" onRetry={instances.reload} />
      )}
      {!instances.data && !instances.error && <Loading />}
      {instances.data && instances.data.length === 0 && (
        <EmptyState
          title="No integrations yet"
          action={
            <Link className="btn btn-primary" to="/integrations">
              Set up an integration
            </Link>
          }
        >
          <p>
            Connect Sophos Central, Active Directory, Microsoft Entra ID and more under Configuration ›
            Integrations.
          </p>
        </EmptyState>
      )}
      {instances.data && instances.data.length > 0 && (
        <ul className="card-grid card-grid-wide" aria-label="Integration instances">
          {instances.data.map((i) => (
            <InstanceCard
              key={i.id}
              instance={i}
              connector={connectors.data?.find((c) => c.id === i.connectorId)}
              onChanged={instances.reload}
            />
          ))}
        </ul>
      )}
    </>
  );
}
