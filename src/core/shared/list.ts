// What every list use case accepts and returns, independent of HTTP: filters on active state and text,
// a whitelisted order, and a window (a page, a plain limit, or everything). The Halo API maps its query
// parameters onto ListOptions (src/api/halo/list-query.ts); the CLI and console can build them directly.
import { sql, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { invalidInput } from '../errors.js';
import { containsAny } from './search.js';

/** Largest page a client may ask for; larger requests are clamped and the reply echoes the clamped size. */
export const MAX_PAGE_SIZE = 1000;
/** Page size when paging is on but no page_size was given. */
export const DEFAULT_PAGE_SIZE = 50;

export type ListWindow =
  { kind: 'page'; pageNo: number; pageSize: number } | { kind: 'limit'; limit: number } | { kind: 'all' };

export interface ActiveFilter {
  active: boolean;
  inactive: boolean;
}

export interface OrderTerm {
  /** A sort key the entity declares (e.g. "name"). */
  field: string;
  desc: boolean;
  /** Which request parameter asked for it, so an unknown field is reported against it (e.g. "order2"). */
  param?: string;
}

export interface ListOptions {
  search?: string | undefined;
  order?: OrderTerm[] | undefined;
  activity?: ActiveFilter | undefined;
  window?: ListWindow | undefined;
}

export interface ListPage<T> {
  items: T[];
  /** Total matches over all pages; 0 for a page past the end. */
  total: number;
  window: ListWindow;
}

export const ONLY_ACTIVE: ActiveFilter = { active: true, inactive: false };

/** Builds a page window with the page size clamped to 1..MAX_PAGE_SIZE and the page number to ≥ 1. */
export function pageWindow(pageNo: number | undefined, pageSize: number | undefined): ListWindow {
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(pageSize ?? DEFAULT_PAGE_SIZE)));
  return { kind: 'page', pageNo: Math.max(1, Math.trunc(pageNo ?? 1)), pageSize: size };
}

/** SQL condition on a 0/1 `inactive` column for the wanted activity. */
export function activityCondition(
  column: string,
  activity: ActiveFilter | undefined,
): Expression<SqlBool> | undefined {
  const a = activity ?? ONLY_ACTIVE;
  if (a.active && a.inactive) return undefined;
  if (a.active) return sql<SqlBool>`${sql.ref(column)} = 0`;
  if (a.inactive) return sql<SqlBool>`${sql.ref(column)} = 1`;
  return sql<SqlBool>`1 = 0`;
}

export interface ResolvedOrder {
  column: string;
  desc: boolean;
}

/**
 * Maps requested sort keys onto columns through the entity's whitelist; an unknown key is a 400 naming the
 * parameter. `fallback` orders when nothing was asked for; `tiebreak` (the primary key) always ends the list
 * so paging is stable.
 */
export function resolveOrder(
  order: OrderTerm[] | undefined,
  sortable: Readonly<Record<string, string>>,
  fallback: ResolvedOrder[],
  tiebreak: string,
): ResolvedOrder[] {
  const out: ResolvedOrder[] = [];
  for (const term of order ?? []) {
    const column = Object.hasOwn(sortable, term.field.toLowerCase())
      ? sortable[term.field.toLowerCase()]
      : undefined;
    if (column === undefined) {
      const param = term.param ?? 'order';
      throw invalidInput(`Cannot order by "${term.field}"`, [
        {
          field: param,
          message: `unknown order field "${term.field}"; allowed: ${Object.keys(sortable).join(', ')}`,
        },
      ]);
    }
    out.push({ column, desc: term.desc });
  }
  const result = out.length > 0 ? out : [...fallback];
  if (!result.some((o) => o.column === tiebreak))
    result.push({ column: tiebreak, desc: result[0]?.desc ?? false });
  return result;
}

export interface PageQueries<Row> {
  /** Total matches (a COUNT over the same filters). */
  count(): Promise<number>;
  /** The ordered rows in [offset, offset+limit); limit undefined means no limit. */
  rows(limit: number | undefined, offset: number): Promise<Row[]>;
}

/**
 * Runs a list: the rows first, then the COUNT only when the rows alone can't tell the total (a full page).
 * A page past the end is empty with total 0, which is what Halo clients looping "until record_count is 0" need.
 */
export async function fetchPage<Row>(
  window: ListWindow | undefined,
  q: PageQueries<Row>,
): Promise<ListPage<Row>> {
  const w = window ?? { kind: 'all' };
  if (w.kind === 'all') {
    const items = await q.rows(undefined, 0);
    return { items, total: items.length, window: w };
  }
  const limit = w.kind === 'page' ? w.pageSize : Math.max(0, Math.trunc(w.limit));
  const offset = w.kind === 'page' ? (w.pageNo - 1) * w.pageSize : 0;
  const items = limit === 0 ? [] : await q.rows(limit, offset);
  if (items.length === 0 && offset > 0) return { items, total: 0, window: w };
  if (items.length < limit) return { items, total: offset + items.length, window: w };
  return { items, total: await q.count(), window: w };
}

/** Maps the items of a page, keeping total and window. */
export function mapPage<A, B>(page: ListPage<A>, fn: (a: A) => B): ListPage<B> {
  return { items: page.items.map(fn), total: page.total, window: page.window };
}

/** Applies a resolved order to a select. Columns come from code (the whitelist), never from the request. */
export function applyOrder<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  order: readonly ResolvedOrder[],
): SelectQueryBuilder<DB, TB, O> {
  let out = qb;
  for (const o of order) out = out.orderBy(sql.ref(o.column), o.desc ? 'desc' : 'asc');
  return out;
}

/** Applies limit/offset for fetchPage's rows(). */
export function applyWindow<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  limit: number | undefined,
  offset: number,
): SelectQueryBuilder<DB, TB, O> {
  let out = qb;
  if (limit !== undefined) out = out.limit(limit);
  if (offset > 0) out = out.offset(offset);
  return out;
}

/** Applies a list of conditions (built once, shared by the page and the count query). */
export function applyWhere<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  conditions: readonly (Expression<SqlBool> | undefined)[],
): SelectQueryBuilder<DB, TB, O> {
  let out = qb;
  for (const c of conditions) if (c) out = out.where(c);
  return out;
}

/** `column = value` as a reusable condition (column from code, value bound). */
export function eq(column: string, value: number | string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} = ${value}`;
}

/** `column IN (…)`; an empty list matches nothing. */
export function inList(column: string, values: readonly number[]): Expression<SqlBool> {
  if (values.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} IN (${sql.join(values.map((v) => sql`${v}`))})`;
}

/** Reads a COUNT(*) result, which PostgreSQL returns as a string (bigint). */
export const countOf = (row: { n: number | string | bigint } | undefined): number => Number(row?.n ?? 0);

/** A COUNT(*) over any FROM (with its joins and conditions already applied). */
export async function countRows<DB, TB extends keyof DB, O>(
  from: SelectQueryBuilder<DB, TB, O>,
): Promise<number> {
  return countOf(
    await from
      .clearSelect()
      .select(sql<number>`count(*)`.as('n'))
      .$castTo<{ n: number | string | bigint }>()
      .executeTakeFirst(),
  );
}

/** What a list use case states: its select (table, joins, columns), its conditions and its order. */
export interface ListQuery<DB, TB extends keyof DB, O, CDB, CTB extends keyof CDB> {
  select: SelectQueryBuilder<DB, TB, O>;
  /** Conditions built once and applied to both the page and the count (undefined entries are skipped). */
  where?: readonly (Expression<SqlBool> | undefined)[];
  order: readonly ResolvedOrder[];
  /** A lighter FROM for the COUNT (only the joins the conditions need); default: `select` without its columns. */
  countFrom?: SelectQueryBuilder<CDB, CTB, object>;
}

/**
 * Runs a list use case's query through fetchPage: the ordered page of `select` under `where`, and, when needed,
 * the COUNT over `countFrom` (or `select`) under the same conditions.
 */
export function listPage<DB, TB extends keyof DB, O, CDB = DB, CTB extends keyof CDB = never>(
  window: ListWindow | undefined,
  q: ListQuery<DB, TB, O, CDB, CTB>,
) {
  const where = q.where ?? [];
  return fetchPage(window, {
    count: () =>
      q.countFrom ? countRows(applyWhere(q.countFrom, where)) : countRows(applyWhere(q.select, where)),
    rows: (limit, offset) =>
      applyWindow(applyOrder(applyWhere(q.select, where), q.order), limit, offset).execute(),
  });
}

/** Which columns hold an entity's 0/1 `inactive` flag, its searchable text and its id. */
export interface StandardColumns {
  inactive: string;
  search: readonly string[];
  id: string;
}

/**
 * The conditions every entity list shares: the active filter, the text search over the entity's columns and the
 * `ids` set (empty matches nothing). Entity-specific filters follow in the list use case.
 */
export function standardConditions(
  db: Pick<Kysely<never>, 'getExecutor'>,
  input: ListOptions & { ids?: readonly number[] | undefined },
  columns: StandardColumns,
): (Expression<SqlBool> | undefined)[] {
  return [
    activityCondition(columns.inactive, input.activity),
    input.search ? containsAny(db, columns.search, input.search) : undefined,
    input.ids ? inList(columns.id, input.ids) : undefined,
  ];
}
