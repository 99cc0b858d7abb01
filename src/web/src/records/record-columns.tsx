// The columns of each record list. The first column links to the record's detail view.
import type { ReactNode } from 'react';
import type { Column } from '../components/data-table.js';
import { Link } from '../components/link.js';
import { Badge } from '../components/states.js';
import { formatCount, formatDate, formatDateTime } from '../lib/format.js';
import type { RecordSource, RowByType } from '../api/records.js';
import type { RecordType } from './record-types.js';

const LICENCE_TONE: Record<string, 'good' | 'bad' | 'warn' | 'neutral'> = {
  active: 'good',
  expired: 'bad',
  expiring: 'warn',
  suspended: 'warn',
  cancelled: 'neutral',
};

type Columns = { [K in RecordType]: Column<RowByType[K]>[] };

const nameLink = (type: RecordType, id: number, text: ReactNode) => <Link to={`/${type}/${id}`}>{text}</Link>;

const active = (inactive: boolean) =>
  inactive ? <Badge>Inactive</Badge> : <Badge tone="good">Active</Badge>;

export function SourceCell({ sources }: { sources: RecordSource[] }) {
  if (sources.length === 0) return <span className="muted">Local</span>;
  const first = sources[0];
  if (!first) return null;
  return (
    <span>
      {first.instanceName ?? `Instance ${first.instanceId}`}
      {sources.length > 1 && <span className="muted"> +{sources.length - 1}</span>}
    </span>
  );
}

const source = <T extends { sources: RecordSource[] }>(): Column<T> => ({
  key: 'source',
  header: 'Source',
  cell: (r) => <SourceCell sources={r.sources} />,
});

export const RECORD_COLUMNS: Columns = {
  customers: [
    { key: 'name', header: 'Name', cell: (r) => nameLink('customers', r.id, r.name) },
    { key: 'sites', header: 'Sites', numeric: true, cell: (r) => formatCount(r.siteCount) },
    { key: 'users', header: 'Users', numeric: true, cell: (r) => formatCount(r.userCount) },
    source(),
    { key: 'status', header: 'Status', cell: (r) => active(r.inactive) },
  ],
  sites: [
    { key: 'name', header: 'Name', cell: (r) => nameLink('sites', r.id, r.name) },
    {
      key: 'customer',
      header: 'Customer',
      cell: (r) => <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>,
    },
    { key: 'city', header: 'City', cell: (r) => r.city ?? '—' },
    source(),
    { key: 'status', header: 'Status', cell: (r) => active(r.inactive) },
  ],
  users: [
    { key: 'name', header: 'Name', cell: (r) => nameLink('users', r.id, r.name) },
    { key: 'email', header: 'E-mail', cell: (r) => r.email ?? '—' },
    {
      key: 'customer',
      header: 'Customer',
      cell: (r) => <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>,
    },
    { key: 'site', header: 'Site', cell: (r) => r.siteName },
    source(),
    { key: 'status', header: 'Status', cell: (r) => active(r.inactive) },
  ],
  agents: [
    { key: 'name', header: 'Name', cell: (r) => nameLink('agents', r.id, r.name) },
    { key: 'login', header: 'Login', cell: (r) => r.login ?? '—' },
    { key: 'email', header: 'E-mail', cell: (r) => r.email ?? '—' },
    {
      key: 'roles',
      header: 'Roles',
      cell: (r) => (r.apiOnly ? <Badge tone="info">API only</Badge> : r.roles.join(', ') || '—'),
    },
    { key: 'notify', header: 'Sync failure e-mails', cell: (r) => (r.notifySyncFailures ? 'On' : 'Off') },
    { key: 'status', header: 'Status', cell: (r) => active(r.inactive) },
  ],
  tickets: [
    { key: 'id', header: 'Number', numeric: true, cell: (r) => nameLink('tickets', r.id, `#${r.id}`) },
    { key: 'summary', header: 'Summary', cell: (r) => nameLink('tickets', r.id, r.summary) },
    {
      key: 'customer',
      header: 'Customer',
      cell: (r) =>
        r.customerId !== null ? <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link> : '—',
    },
    {
      key: 'status',
      header: 'Status',
      cell: (r) => <Badge tone={r.closed ? 'neutral' : 'info'}>{r.status}</Badge>,
    },
    { key: 'priority', header: 'Priority', cell: (r) => r.priority ?? '—' },
    { key: 'opened', header: 'Opened', cell: (r) => formatDateTime(r.openedAt) },
    source(),
  ],
  licences: [
    { key: 'name', header: 'Product', cell: (r) => nameLink('licences', r.id, r.name) },
    { key: 'vendor', header: 'Vendor', cell: (r) => r.vendor ?? '—' },
    {
      key: 'customer',
      header: 'Customer',
      cell: (r) => <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>,
    },
    {
      key: 'seats',
      header: 'Used / seats',
      numeric: true,
      cell: (r) => `${formatCount(r.consumed)} / ${formatCount(r.quantity)}`,
    },
    { key: 'end', header: 'Ends', cell: (r) => formatDate(r.endDate) },
    source(),
    {
      key: 'status',
      header: 'Status',
      cell: (r) =>
        r.inactive ? (
          <Badge>Inactive</Badge>
        ) : (
          <Badge tone={LICENCE_TONE[r.status] ?? 'info'}>
            {r.status.charAt(0).toUpperCase() + r.status.slice(1)}
          </Badge>
        ),
    },
  ],
  assets: [
    {
      key: 'tag',
      header: 'Asset tag',
      cell: (r) => nameLink('assets', r.id, r.inventoryNumber ?? `Asset ${r.id}`),
    },
    { key: 'type', header: 'Type', cell: (r) => r.typeName },
    { key: 'serial', header: 'Serial', cell: (r) => r.serial ?? '—' },
    {
      key: 'customer',
      header: 'Customer',
      cell: (r) => <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>,
    },
    source(),
    { key: 'status', header: 'Status', cell: (r) => active(r.inactive) },
  ],
};
