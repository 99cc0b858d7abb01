// Shared pieces of the console's record lists: the paging input and page shape, and `recordPage`, which runs a
// record list through the core list machinery (src/core/shared/list.ts, search.ts) so the console and /api page,
// count, search and filter the same way; each record list states only its select, search columns and order.
import { sql, type Expression, type SelectQueryBuilder, type Simplify, type SqlBool } from 'kysely';
import type { ExternalRecordType } from '../../db/schema/core.js';
import type { Ctx } from '../context.js';
import { invalidInput } from '../errors.js';
import {
  activityCondition,
  applyWhere,
  countRows,
  inList,
  listPage,
  type ResolvedOrder,
} from '../shared/list.js';
import { containsAny } from '../shared/search.js';
import { sourcesOf, type RecordSource } from './provenance.js';

export interface ListInput {
  search?: string | undefined;
  page: number;
  pageSize: number;
  /** Which records by their inactive flag; tickets read it as open/closed. */
  status: 'active' | 'inactive' | 'all';
  /** Only these records (e.g. the customers a screen needs names for). */
  ids?: readonly number[] | undefined;
  /** Only records of this customer (lists whose spec names a customer column: sites, users). */
  customerId?: number | undefined;
  /** Only records on this site (lists whose spec names a site column: users). */
  siteId?: number | undefined;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface RecordListSpec<DB, TB extends keyof DB, O, R> {
  /** Table, joins and columns. */
  select: SelectQueryBuilder<DB, TB, O>;
  /** Columns the search looks in (case-insensitive substring, as on /api). */
  searchColumns: readonly string[];
  /** Another way a search term can match (a ticket by its number). */
  searchAlso?: ((term: string) => Expression<SqlBool> | undefined) | undefined;
  /** The 0/1 column the status filter reads: `inactive`, or for tickets their status's `is_closed`. */
  statusColumn: string;
  idColumn: string;
  /** The row's customer, for ListInput.customerId; a list without one refuses that filter. */
  customerColumn?: string;
  /** The row's site, for ListInput.siteId; a list without one refuses that filter. */
  siteColumn?: string;
  order: readonly ResolvedOrder[];
  /** Which external links (provenance) to attach to each row. */
  linkType: ExternalRecordType;
  present(row: Simplify<O>, sources: RecordSource[]): R;
}

export async function recordPage<DB, TB extends keyof DB, O extends { id: number }, R>(
  ctx: Ctx,
  input: ListInput,
  spec: RecordListSpec<DB, TB, O, R>,
): Promise<Page<R>> {
  const term = input.search?.trim();
  const text = term ? containsAny(ctx.db, spec.searchColumns, term) : undefined;
  const also = term ? spec.searchAlso?.(term) : undefined;
  const where = [
    text && also ? sql<SqlBool>`(${text} or ${also})` : text,
    activityCondition(spec.statusColumn, {
      active: input.status !== 'inactive',
      inactive: input.status !== 'active',
    }),
    input.ids ? inList(spec.idColumn, input.ids) : undefined,
    input.customerId === undefined
      ? undefined
      : equalTo(spec.customerColumn, input.customerId, 'customerId', 'customer'),
    input.siteId === undefined ? undefined : equalTo(spec.siteColumn, input.siteId, 'siteId', 'site'),
  ];
  const page = await listPage(
    { kind: 'page', pageNo: input.page, pageSize: input.pageSize },
    { select: spec.select, where, order: spec.order },
  );
  // The console shows the real total even on a page past the end (fetchPage says 0 there, for Halo clients).
  const total =
    page.items.length === 0 && input.page > 1 ? await countRows(applyWhere(spec.select, where)) : page.total;
  const sources = await sourcesOf(
    ctx,
    spec.linkType,
    page.items.map((r) => r.id),
  );
  return {
    items: page.items.map((r) => spec.present(r, sources.get(r.id) ?? [])),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** `column = id` for a filter the list supports; a filter it does not is refused (`field` names it). */
function equalTo(column: string | undefined, id: number, field: string, what: string): Expression<SqlBool> {
  if (!column)
    throw invalidInput(`This list cannot be filtered by ${what}`, [
      { field, message: 'not supported for this record type' },
    ]);
  return sql<SqlBool>`${sql.ref(column)} = ${id}`;
}

/** COUNT(*) arrives as a number on SQLite and as a string (bigint) on PostgreSQL. */
export const toCount = (v: unknown): number => Number(v ?? 0);

export const asBool = (v: number | null | undefined): boolean => v === 1;
