// Configuration › Integrations: every connector as a card; "+" adds (enables) a connection, and the card lists
// the connections that exist.
import { useState } from 'react';
import { integrations, type ConnectorInfo, type Instance } from '../api/integrations.js';
import { InstanceStatusBadge } from '../components/instance-status.js';
import { Link } from '../components/link.js';
import { NewInstanceDialog } from '../components/new-instance-dialog.js';
import { PageHeader } from '../components/page.js';
import { Badge, EmptyState, ErrorNotice, Loading } from '../components/states.js';
import { useResource } from '../lib/use-resource.js';

function ConnectorCard({ connector, instances }: { connector: ConnectorInfo; instances: Instance[] }) {
  const [open, setOpen] = useState(false);
  const mine = instances.filter((i) => i.connectorId === connector.id);
  const headingId = `connector-${connector.id}`;
  return (
    <li className="card" aria-labelledby={headingId}>
      <div className="card-header">
        <h2 id={headingId}>
          <Link to={`/integrations/${connector.id}`}>{connector.displayName}</Link>
        </h2>
        <button
          type="button"
          className="btn btn-secondary plus-button"
          aria-label={`Add a ${connector.displayName} connection`}
          title="Add a connection"
          onClick={() => setOpen(true)}
        >
          +
        </button>
      </div>
      <p>{connector.description}</p>
      <p className="muted small">Syncs {connector.entities.join(', ')}</p>
      <div className="card-footer">
        {mine.length === 0 ? (
          <Badge>Not enabled</Badge>
        ) : (
          <ul className="instance-chips" aria-label={`${connector.displayName} connections`}>
            {mine.map((i) => (
              <li key={i.id}>
                <Link to={`/instances/${i.id}/setup`}>{i.name}</Link> <InstanceStatusBadge instance={i} />
              </li>
            ))}
          </ul>
        )}
      </div>
      {open && <NewInstanceDialog connector={connector} open={open} onClose={() => setOpen(false)} />}
    </li>
  );
}

export function IntegrationsPage() {
  const connectors = useResource<ConnectorInfo[]>(integrations.connectors());
  const instances = useResource<Instance[]>(integrations.instances());
  const error = connectors.error ?? instances.error;
  return (
    <>
      <PageHeader title="Integrations" crumbs={[{ label: 'Configuration', to: '/integrations' }]}>
        <p className="page-meta">
          Choose “+” on a connector to add a connection, then set it up, map its customers and import.
        </p>
      </PageHeader>
      {error && (
        <ErrorNotice
          error={error}
          title="Could not load the connectors"
          onRetry={() => (connectors.reload(), instances.reload())}
        />
      )}
      {!error && (!connectors.data || !instances.data) && <Loading />}
      {connectors.data && instances.data && connectors.data.length === 0 && (
        <EmptyState title="No connectors are installed" />
      )}
      {connectors.data && instances.data && connectors.data.length > 0 && (
        <ul className="card-grid" aria-label="Connectors">
          {connectors.data.map((c) => (
            <ConnectorCard key={c.id} connector={c} instances={instances.data ?? []} />
          ))}
        </ul>
      )}
    </>
  );
}
