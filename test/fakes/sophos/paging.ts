// Number-based paging as Sophos does it (§1.3): `page` from 1, `pageSize`, `pageTotal=true` adds the page
// count (`pages.total`) and item count (`pages.items`).

import type { SophosPage } from './types.js';

export interface PagingLimits {
  /** Page size when the request gives none. (inferred) 50, from the Postman "no pageTotal" example. */
  defaultSize: number;
  /** Largest page size accepted; reported as pages.maxSize. 100 as in the "Page of tenants" example. */
  maxSize: number;
}

export interface PageRequest {
  page: number;
  size: number;
  pageTotal: boolean;
}

export type PageParse = { ok: true; value: PageRequest } | { ok: false; message: string };

const positiveInt = (raw: string): number | undefined =>
  /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : undefined;

/**
 * Reads page/pageSize/pageTotal. Out-of-range values are a 400, not silently clamped (inferred: a clamp
 * would hide a client that asks for 500 and assumes it got 500).
 */
export function parsePageRequest(query: URLSearchParams, limits: PagingLimits): PageParse {
  const rawPage = query.get('page');
  const rawSize = query.get('pageSize');
  const rawTotal = query.get('pageTotal');
  const page = rawPage === null ? 1 : positiveInt(rawPage);
  if (page === undefined) return { ok: false, message: `Invalid page '${rawPage}': must be an integer >= 1` };
  const size = rawSize === null ? limits.defaultSize : positiveInt(rawSize);
  if (size === undefined || size > limits.maxSize) {
    return {
      ok: false,
      message: `Invalid pageSize '${rawSize}': must be an integer between 1 and ${limits.maxSize}`,
    };
  }
  if (rawTotal !== null && rawTotal !== 'true' && rawTotal !== 'false') {
    return { ok: false, message: `Invalid pageTotal '${rawTotal}': must be true or false` };
  }
  return { ok: true, value: { page, size, pageTotal: rawTotal === 'true' } };
}

/** Slices one page. A page past the end is empty, with `current` as asked. */
export function pageOf<T>(all: readonly T[], request: PageRequest, limits: PagingLimits): SophosPage<T> {
  const start = (request.page - 1) * request.size;
  const items = all.slice(start, start + request.size);
  // Key order as in the reference example: current, size, total, items, maxSize. (inferred) an empty
  // listing reports 0 pages.
  const pages: SophosPage<T>['pages'] = request.pageTotal
    ? {
        current: request.page,
        size: request.size,
        total: Math.ceil(all.length / request.size),
        items: all.length,
        maxSize: limits.maxSize,
      }
    : { current: request.page, size: request.size, maxSize: limits.maxSize };
  return { items, pages };
}
