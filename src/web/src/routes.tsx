// The console's screens by path. The first matching pattern wins.
import type { ReactNode } from 'react';
import { AgentDetailPage, AgentsPage } from './pages/agents-page.js';
import { ApplicationsPage } from './pages/applications-page.js';
import { ConnectorPage } from './pages/connector-page.js';
import { DashboardPage } from './pages/dashboard-page.js';
import { InstancePage } from './pages/instance/instance-page.js';
import { IntegrationsPage } from './pages/integrations-page.js';
import { RecordDetailPage } from './pages/record-detail-page.js';
import { RecordListPage } from './pages/record-list-page.js';
import { RunPage } from './pages/run-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { UserRolesPage } from './pages/user-roles-page.js';
import { RECORD_TYPES } from './records/record-types.js';

export interface RouteDef {
  path: string;
  render(params: Record<string, string>): ReactNode;
}

const p = (params: Record<string, string>, key: string): string => params[key] ?? '';

export const routes: RouteDef[] = [
  { path: '/', render: () => <DashboardPage /> },
  { path: '/integrations', render: () => <IntegrationsPage /> },
  {
    path: '/integrations/:connector',
    render: (x) => <ConnectorPage key={p(x, 'connector')} connectorId={p(x, 'connector')} />,
  },
  { path: '/instances/:id', render: (x) => <InstancePage key={p(x, 'id')} id={p(x, 'id')} tab="setup" /> },
  {
    path: '/instances/:id/runs/:runId',
    render: (x) => (
      <RunPage key={`${p(x, 'id')}:${p(x, 'runId')}`} instanceId={p(x, 'id')} runId={p(x, 'runId')} />
    ),
  },
  {
    path: '/instances/:id/:tab',
    render: (x) => <InstancePage key={p(x, 'id')} id={p(x, 'id')} tab={p(x, 'tab')} />,
  },
  { path: '/agents', render: () => <AgentsPage /> },
  { path: '/agents/:id', render: (x) => <AgentDetailPage key={p(x, 'id')} id={p(x, 'id')} /> },
  ...RECORD_TYPES.flatMap((info): RouteDef[] => [
    { path: `/${info.type}`, render: () => <RecordListPage key={info.type} info={info} /> },
    {
      path: `/${info.type}/:id`,
      render: (x) => <RecordDetailPage key={`${info.type}:${p(x, 'id')}`} info={info} id={p(x, 'id')} />,
    },
  ]),
  { path: '/applications', render: () => <ApplicationsPage /> },
  { path: '/user-roles', render: () => <UserRolesPage /> },
  { path: '/settings', render: () => <SettingsPage /> },
];
