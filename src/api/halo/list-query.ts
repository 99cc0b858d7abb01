// Halo's list parameters (§2.4 of the API reference) → ListOptions, and ListPage → Halo's reply shapes.
import { z } from 'zod';
import {
  MAX_PAGE_SIZE,
  pageWindow,
  type ActiveFilter,
  type ListOptions,
  type ListPage,
  type OrderTerm,
} from '../../core/shared/list.js';
import { queryBool, queryInt } from './params.js';

/**
 * The parameters every paged Halo list understands. Unknown parameters are dropped, not rejected (real
 * clients send extras such as n8n's activeStatus). Entities extend this with their own filters.
 */
export const listQuery = z.object({
  pageinate: queryBool.optional().describe('true turns paging on (page_no/page_size apply only then)'),
  page_size: queryInt
    .optional()
    .describe(
      `page size when paging; default 50, larger than ${MAX_PAGE_SIZE} is clamped (the reply echoes the size used)`,
    ),
  page_no: queryInt.optional().describe('1-based page number when paging'),
  count: queryInt.optional().describe('maximum number of records when not paging'),
  search: z.string().optional().describe('case-insensitive substring match on the name-like fields'),
  order: z.string().optional().describe('field to order by'),
  orderdesc: queryBool.optional(),
  order2: z.string().optional(),
  orderdesc2: queryBool.optional(),
  order3: z.string().optional(),
  orderdesc3: queryBool.optional(),
  order4: z.string().optional(),
  orderdesc4: queryBool.optional(),
  order5: z.string().optional(),
  orderdesc5: queryBool.optional(),
  includeactive: queryBool.optional().describe('include active records (default true)'),
  includeinactive: queryBool.optional().describe('include inactive records (default false)'),
  activeinactive: z.string().optional().describe('"a,b": a sets includeactive, b sets includeinactive'),
  idonly: queryBool.optional().describe('return only ids'),
});
export type ListQuery = z.output<typeof listQuery>;

export interface HaloListRequest {
  options: ListOptions;
  paging: boolean;
  idOnly: boolean;
}

const ORDER_SLOTS = [
  ['order', 'orderdesc'],
  ['order2', 'orderdesc2'],
  ['order3', 'orderdesc3'],
  ['order4', 'orderdesc4'],
  ['order5', 'orderdesc5'],
] as const;

function parseFlag(text: string | undefined): boolean | undefined {
  const t = text?.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

/**
 * Active/inactive selection. `activeinactive` comes first, then the explicit flags override it.
 * `defaults` lets an entity change the default (e.g. Agent shows disabled agents only on request).
 */
export function parseActivity(
  q: Pick<ListQuery, 'includeactive' | 'includeinactive' | 'activeinactive'>,
  defaults: ActiveFilter = { active: true, inactive: false },
): ActiveFilter {
  const [a, i] = (q.activeinactive ?? '').split(',');
  return {
    active: q.includeactive ?? parseFlag(a) ?? defaults.active,
    inactive: q.includeinactive ?? parseFlag(i) ?? defaults.inactive,
  };
}

export function parseOrder(q: ListQuery): OrderTerm[] {
  const out: OrderTerm[] = [];
  for (const [orderKey, descKey] of ORDER_SLOTS) {
    const field = q[orderKey]?.trim();
    if (field) out.push({ field, desc: q[descKey] ?? false, param: orderKey });
  }
  return out;
}

/** Maps the common parameters onto ListOptions; entity filters are read by the entity's route. */
export function parseListQuery(q: ListQuery, activityDefaults?: ActiveFilter): HaloListRequest {
  const paging = q.pageinate === true;
  const search = q.search?.trim();
  const options: ListOptions = {
    search: search ? search : undefined,
    order: parseOrder(q),
    activity: parseActivity(q, activityDefaults),
    window: paging
      ? pageWindow(q.page_no, q.page_size)
      : q.count !== undefined
        ? { kind: 'limit', limit: Math.max(0, q.count) }
        : { kind: 'all' },
  };
  return { options, paging, idOnly: q.idonly === true };
}

function project<T extends { id: number }>(items: T[], idOnly: boolean): (T | { id: number })[] {
  return idOnly ? items.map((i) => ({ id: i.id })) : items;
}

/**
 * Halo's wrapper `{page_no, page_size, record_count, <key>: [...]}`. page_no/page_size are echoed only when
 * paging (page_size is the clamped size actually used); record_count is always the total number of matches.
 */
export function wrapperReply<T extends { id: number }>(
  key: string,
  page: ListPage<T>,
  idOnly = false,
): Record<string, unknown> {
  const head: Record<string, unknown> =
    page.window.kind === 'page' ? { page_no: page.window.pageNo, page_size: page.window.pageSize } : {};
  return { ...head, record_count: page.total, [key]: project(page.items, idOnly) };
}

/** A bare JSON array (configuration lists, Agent/TopLevel without paging). */
export function bareReply<T extends { id: number }>(
  page: ListPage<T>,
  idOnly = false,
): (T | { id: number })[] {
  return project(page.items, idOnly);
}
