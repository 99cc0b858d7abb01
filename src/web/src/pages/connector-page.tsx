// One connector: its connections with their health, and "New" to add another.
import { useState } from 'react';
import { integrations, type ConnectorInfo, type Instance } from '../api/integrations.js';
import { Button } from '../components/button.js';
import { DataTable } from '../components/data-table.js';
import { InstanceStatusBadge } from '../components/instance-status.js';
import { Link } from '../components/link.js';
import { NewInstanceDialog } from '../components/new-instance-dialog.js';
import { PageHeader } from '../components/page.js';
import { EmptyState, ErrorNotice, Loading } from '../components/states.js';
import { formatDateTime, formatRelative } from '../lib/format.js';
import { describeSchedule } from '../lib/schedule.js';
import { useResource } from '../lib/use-resource.js';

export function ConnectorPage({ connectorId }: { connectorId: string }) {
  const connectors = useResource<ConnectorInfo[]>(integrations.connectors());
  const instances = useResource<Instance[]>(integrations.instances(connectorId));
  const [open, setOpen] = useState(false);
  const connector = connectors.data?.find((c) => c.id === connectorId);
  const crumbs = [{ label: 'Integrations', to: '/integrations' }];
  if (connectors.error || instances.error)
    return (
      <ErrorNotice
        error={connectors.error ?? instances.error}
        onRetry={() => (connectors.reload(), instances.reload())}
      />
    );
  if (!connectors.data || !instances.data) return <Loading />;
  if (!connector) {
    return (
      <>
        <PageHeader title="Unknown connector" crumbs={crumbs} />
        <EmptyState
          title={`No connector called “${connectorId}” is installed`}
          action={<Link to="/integrations">Back to integrations</Link>}
        />
      </>
    );
  }
  const mine = instances.data.filter((i) => i.connectorId === connectorId);
  return (
    <>
      <PageHeader
        title={connector.displayName}
        crumbs={crumbs}
        actions={
          <Button variant="primary" onClick={() => setOpen(true)}>
            New connection
          </Button>
        }
      >
        <p className="page-meta">{connector.description}</p>
      </PageHeader>
      <DataTable
        caption={`${connector.displayName} connections`}
        rows={mine}
        rowKey={(i) => i.id}
        columns={[
          { key: 'name', header: 'Name', cell: (i) => <Link to={`/instances/${i.id}/setup`}>{i.name}</Link> },
          { key: 'status', header: 'Status', cell: (i) => <InstanceStatusBadge instance={i} /> },
          {
            key: 'sync',
            header: 'Last Sync',
            cell: (i) => (
              <span title={formatDateTime(i.status.lastSyncAt)}>{formatRelative(i.status.lastSyncAt)}</span>
            ),
          },
          {
            key: 'error',
            header: 'Last Error',
            cell: (i) =>
              i.status.lastError ? <span className="error-text">{i.status.lastError}</span> : '—',
          },
          { key: 'schedule', header: 'Schedule', cell: (i) => describeSchedule(i.schedule) },
        ]}
        empty={
          <EmptyState
            title="No connections yet"
            action={
              <Button variant="primary" onClick={() => setOpen(true)}>
                New connection
              </Button>
            }
          >
            <p>Add a connection with the credentials from {connector.displayName}.</p>
          </EmptyState>
        }
      />
      {open && <NewInstanceDialog connector={connector} open={open} onClose={() => setOpen(false)} />}
    </>
  );
}
