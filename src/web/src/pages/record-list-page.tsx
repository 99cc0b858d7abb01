// Customers, sites, users, agents, tickets, licences and assets: search, filter by status, and page through.
import { useEffect, useState, type ReactNode } from 'react';
import { qs } from '../api/client.js';
import type { Page, RowByType } from '../api/records.js';
import { DataTable, Pager, type Column } from '../components/data-table.js';
import { PageHeader } from '../components/page.js';
import { EmptyState, ErrorNotice, Loading } from '../components/states.js';
import { setQuery, useLocation } from '../lib/router.js';
import { useResource } from '../lib/use-resource.js';
import { RECORD_COLUMNS } from '../records/record-columns.js';
import type { RecordTypeInfo } from '../records/record-types.js';

const PAGE_SIZE = 25;

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
  const [draft, setDraft] = useState(search);

  // Search as the user types, a moment after they stop, without a history entry per keystroke.
  useEffect(() => setDraft(search), [search]);
  useEffect(() => {
    if (draft === search) return;
    const t = window.setTimeout(() => setQuery({ search: draft.trim(), page: undefined }), 300);
    return () => window.clearTimeout(t);
  }, [draft, search]);

  const res = useResource<Page<RowByType[typeof info.type]>>(
    `/records/${info.type}${qs({ search, status, page, pageSize: PAGE_SIZE, r: reloadKey || undefined })}`,
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
                  search || status !== 'all'
                    ? `No ${info.plural.toLowerCase()} match`
                    : `No ${info.plural.toLowerCase()} yet`
                }
              >
                {search || status !== 'all' ? (
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
