// Customers, sites, users, agents, tickets, licences and assets: search, filter by status, and page through.
import { useEffect, useState, type ReactNode } from 'react';
import { qs } from '../api/client.js';
import type { Page, RowByType } from '../api/records.js';
import { DataTable, Pager, type Column } from '../components/data-table.js';
import { PageHeader } from '../components/page.js';
import { EmptyState, ErrorNotice, Loading } from '../components/states.js';
import { Link } from '../components/link.js';
import { useNames } from '../lib/use-names.js';
import { setQuery, useLocation } from '../lib/router.js';
import { useResource } from '../lib/use-resource.js';
import { RECORD_COLUMNS } from '../records/record-columns.js';
import type { RecordTypeInfo } from '../records/record-types.js';

const PAGE_SIZE = 25;

const positiveId = (v: string | null): number | undefined =>
  v !== null && /^[1-9]\d{0,9}$/.test(v) ? Number(v) : undefined;

/** "Showing the users of site Sales · Show all users". */
function ScopeNotice({
  type,
  plural,
  siteId,
  customerId,
}: {
  type: string;
  plural: string;
  siteId: number | undefined;
  customerId: number | undefined;
}) {
  const sites = useNames('sites', siteId === undefined ? [] : [siteId]);
  const customers = useNames('customers', customerId === undefined ? [] : [customerId]);
  const scope =
    siteId !== undefined
      ? { kind: 'site', id: siteId, name: sites.get(siteId), path: `/sites/${siteId}` }
      : {
          kind: 'customer',
          id: customerId as number,
          name: customers.get(customerId as number),
          path: `/customers/${customerId}`,
        };
  return (
    <p className="scope-notice" role="status">
      Showing the {plural.toLowerCase()} of {scope.kind}{' '}
      <Link to={scope.path}>{scope.name ?? `${scope.kind} ${scope.id}`}</Link> ·{' '}
      <Link to={`/${type}`}>Show all {plural.toLowerCase()}</Link>
    </p>
  );
}

export function RecordListPage({
  info,
  actions,
  columns: override,
  reloadKey = 0,
}: {
  info: RecordTypeInfo;
  actions?: ReactNode;
  columns?: Column<RowByType[RecordTypeInfo['type']]>[];
  reloadKey?: number;
}) {
  const { query } = useLocation();
  const search = query.get('search') ?? '';
  const status = query.get('status') ?? 'all';
  const page = Math.max(1, Number(query.get('page') ?? '1') || 1);
  // A list opened from a site or customer (or a mapping's people) is narrowed to it.
  const siteId = positiveId(query.get('siteId'));
  const customerId = siteId === undefined ? positiveId(query.get('customerId')) : undefined;
  const [draft, setDraft] = useState(search);

  // Search as the user types, a moment after they stop, without a history entry per keystroke.
  useEffect(() => setDraft(search), [search]);
  useEffect(() => {
    if (draft === search) return;
    const t = window.setTimeout(() => setQuery({ search: draft.trim(), page: undefined }), 300);
    return () => window.clearTimeout(t);
  }, [draft, search]);

  const res = useResource<Page<RowByType[typeof info.type]>>(
    `/records/${info.type}${qs({ search, status, page, pageSize: PAGE_SIZE, siteId, customerId, r: reloadKey || undefined })}`,
  );
  const columns = override ?? (RECORD_COLUMNS[info.type] as Column<RowByType[typeof info.type]>[]);
  const statusLabel =
    info.type === 'tickets'
      ? { active: 'Open', inactive: 'Closed' }
      : { active: 'Active', inactive: 'Inactive' };

  return (
    <>
      <PageHeader title={info.plural} actions={actions} />
      <form
        className="toolbar"
        role="search"
        aria-label={`Search ${info.plural.toLowerCase()}`}
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ search: draft.trim(), page: undefined });
        }}
      >
        <div className="field field-inline">
          <label htmlFor="record-search">Search</label>
          <input
            id="record-search"
            type="search"
            value={draft}
            placeholder={info.searchHint}
            onChange={(e) => setDraft(e.target.value)}
          />
        </div>
        <div className="field field-inline">
          <label htmlFor="record-status">Show</label>
          <select
            id="record-status"
            value={status}
            onChange={(e) =>
              setQuery({ status: e.target.value === 'all' ? undefined : e.target.value, page: undefined })
            }
          >
            <option value="all">All</option>
            <option value="active">{statusLabel.active} only</option>
            <option value="inactive">{statusLabel.inactive} only</option>
          </select>
        </div>
      </form>
      {(siteId !== undefined || customerId !== undefined) && (
        <ScopeNotice type={info.type} plural={info.plural} siteId={siteId} customerId={customerId} />
      )}
      {res.error && (
        <ErrorNotice
          error={res.error}
          title={`Could not load ${info.plural.toLowerCase()}`}
          onRetry={res.reload}
        />
      )}
      {!res.data && res.loading && <Loading />}
      {res.data && (
        <div aria-busy={res.loading || undefined}>
          <DataTable
            caption={`${info.plural}${search ? ` matching “${search}”` : ''}`}
            columns={columns}
            rows={res.data.items}
            rowKey={(r) => r.id}
            empty={
              <EmptyState
                title={
                  search || status !== 'all' || siteId !== undefined || customerId !== undefined
                    ? `No ${info.plural.toLowerCase()} match`
                    : `No ${info.plural.toLowerCase()} yet`
                }
              >
                {search || status !== 'all' || siteId !== undefined || customerId !== undefined ? (
                  <p>Try a different search or show all.</p>
                ) : (
                  <p>
                    Records appear here when an integration imports them or when a tool creates them through
                    the API. Set up an integration under Configuration › Integrations.
                  </p>
                )}
              </EmptyState>
            }
          />
          {res.data.total > 0 && (
            <Pager
              page={res.data.page}
              pageSize={res.data.pageSize}
              total={res.data.total}
              onPage={(p) => setQuery({ page: p === 1 ? undefined : p })}
            />
          )}
        </div>
      )}
    </>
  );
}
