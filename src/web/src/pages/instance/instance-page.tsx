// One integration connection, in tabs as Halo lays it out: Setup, Mappings, Import, Integrator.
import { integrations, type ConnectorInfo, type Instance } from '../../api/integrations.js';
import { InstanceStatusBadge } from '../../components/instance-status.js';
import { Link } from '../../components/link.js';
import { PageHeader } from '../../components/page.js';
import { EmptyState, ErrorNotice, Loading } from '../../components/states.js';
import { useResource } from '../../lib/use-resource.js';
import { ImportTab } from './import-tab.js';
import { IntegratorTab } from './integrator-tab.js';
import { MappingsTab } from './mappings-tab.js';
import { SetupTab } from './setup-tab.js';

const TABS = [
  { id: 'setup', label: 'Setup' },
  { id: 'mappings', label: 'Mappings' },
  { id: 'import', label: 'Import' },
  { id: 'integrator', label: 'Integrator' },
] as const;

export interface InstanceTabProps {
  instance: Instance;
  connector: ConnectorInfo;
  reload(): void;
}

export function InstancePage({ id, tab }: { id: string; tab: string }) {
  const instance = useResource<Instance>(integrations.instance(id));
  const connectors = useResource<ConnectorInfo[]>(integrations.connectors());
  if (instance.error || connectors.error) {
    return (
      <>
        <PageHeader title="Integration" crumbs={[{ label: 'Integrations', to: '/integrations' }]} />
        <ErrorNotice
          error={instance.error ?? connectors.error}
          title="Could not load this connection"
          onRetry={() => (instance.reload(), connectors.reload())}
        />
      </>
    );
  }
  if (!instance.data || !connectors.data) return <Loading />;
  const i = instance.data;
  const connector = connectors.data.find((c) => c.id === i.connectorId);
  const current = TABS.find((t) => t.id === tab);
  const props = connector ? { instance: i, connector, reload: instance.reload } : null;
  return (
    <>
      <PageHeader
        title={i.name}
        crumbs={[
          { label: 'Integrations', to: '/integrations' },
          { label: connector?.displayName ?? i.connectorId, to: `/integrations/${i.connectorId}` },
        ]}
        actions={<InstanceStatusBadge instance={i} />}
      />
      <nav className="tabs" aria-label="Connection sections">
        {TABS.map((t) => (
          <Link key={t.id} to={`/instances/${i.id}/${t.id}`} activeMatch="exact">
            {t.label}
          </Link>
        ))}
      </nav>
      {!props && <EmptyState title={`The ${i.connectorId} connector is not installed on this server`} />}
      {props && !current && (
        <EmptyState
          title="No such section"
          action={<Link to={`/instances/${i.id}/setup`}>Go to Setup</Link>}
        />
      )}
      {props && current?.id === 'setup' && <SetupTab {...props} />}
      {props && current?.id === 'mappings' && <MappingsTab {...props} />}
      {props && current?.id === 'import' && <ImportTab {...props} />}
      {props && current?.id === 'integrator' && <IntegratorTab {...props} />}
    </>
  );
}
