// One record: its fields and where it came from (integration instance, external id, last seen).
import type { ReactNode } from 'react';
import { qs } from '../api/client.js';
import type { DetailField, RecordDetail } from '../api/records.js';
import { DataTable } from '../components/data-table.js';
import { Link } from '../components/link.js';
import { PageHeader, Section } from '../components/page.js';
import { Badge, EmptyState, ErrorNotice, Loading } from '../components/states.js';
import { formatDate, formatDateTime, formatRelative, isDateOnly } from '../lib/format.js';
import { useResource } from '../lib/use-resource.js';
import type { RecordTypeInfo } from '../records/record-types.js';

const ISO = /^\d{4}-\d{2}-\d{2}T/;

function show(value: RecordDetail['fields'][number]['value']): string {
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  if (value === null) return '—';
  if (typeof value === 'string' && isDateOnly(value)) return formatDate(value);
  if (typeof value === 'string' && ISO.test(value)) return formatDateTime(value);
  return String(value);
}

/** Where a detail field's link goes: the record's page, or its list with the filter in the address. */
function linkPath(link: NonNullable<DetailField['link']>): string {
  return 'id' in link ? `/${link.type}/${link.id}` : `/${link.type}${qs(link.filter)}`;
}

export function RecordDetailPage({
  info,
  id,
  children,
}: {
  info: RecordTypeInfo;
  id: string;
  children?: ReactNode;
}) {
  const res = useResource<RecordDetail>(`/records/${info.type}/${encodeURIComponent(id)}`);
  const crumbs = [{ label: info.plural, to: `/${info.type}` }];
  if (res.error) {
    return (
      <>
        <PageHeader title={`${info.singular} ${id}`} crumbs={crumbs} />
        <ErrorNotice
          error={res.error}
          title={`Could not load this ${info.singular.toLowerCase()}`}
          onRetry={res.reload}
        />
      </>
    );
  }
  if (!res.data) return <Loading />;
  const r = res.data;
  return (
    <>
      <PageHeader title={r.title} crumbs={crumbs}>
        <p className="page-meta">
          {info.singular} {r.id} ·{' '}
          {r.inactive ? (
            <Badge>{info.type === 'tickets' ? 'Closed' : 'Inactive'}</Badge>
          ) : (
            <Badge tone="good">{info.type === 'tickets' ? 'Open' : 'Active'}</Badge>
          )}
        </p>
      </PageHeader>
      <Section title="Details">
        <dl className="details">
          {r.fields.map((f) => (
            <div key={f.label} className="details-row">
              <dt>{f.label}</dt>
              <dd>{f.link ? <Link to={linkPath(f.link)}>{show(f.value)}</Link> : show(f.value)}</dd>
            </div>
          ))}
        </dl>
      </Section>
      {children}
      <Section title="Where it came from">
        <DataTable
          caption={`Sources of ${r.title}`}
          columns={[
            {
              key: 'instance',
              header: 'Integration instance',
              cell: (s) => (
                <Link to={`/instances/${s.instanceId}/integrator`}>
                  {s.instanceName ?? `Instance ${s.instanceId} (removed)`}
                </Link>
              ),
            },
            { key: 'connector', header: 'Connector', cell: (s) => s.connector ?? '—' },
            { key: 'external', header: 'External id', cell: (s) => <code>{s.externalId}</code> },
            { key: 'name', header: 'Name there', cell: (s) => s.externalName ?? '—' },
            {
              key: 'seen',
              header: 'Last seen',
              cell: (s) => (
                <time dateTime={s.lastSeenAt} title={formatDateTime(s.lastSeenAt)}>
                  {formatRelative(s.lastSeenAt)}
                </time>
              ),
            },
            {
              key: 'run',
              header: 'In run',
              cell: (s) =>
                s.lastSeenRunId !== null ? (
                  <Link to={`/instances/${s.instanceId}/runs/${s.lastSeenRunId}`}>#{s.lastSeenRunId}</Link>
                ) : (
                  '—'
                ),
            },
          ]}
          rows={r.sources}
          rowKey={(s) => `${s.instanceId}:${s.externalId}`}
          empty={
            <EmptyState title="Created here">
              <p>
                No integration manages this {info.singular.toLowerCase()}: it was created in Tributary or
                through the API.
              </p>
            </EmptyState>
          }
        />
      </Section>
    </>
  );
}
