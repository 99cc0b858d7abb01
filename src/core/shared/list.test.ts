import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { fetchPage, MAX_PAGE_SIZE, pageWindow, resolveOrder } from './list.js';

/** An in-memory source of `total` rows that records which queries ran. */
function source(total: number) {
  const calls = { count: 0, rows: [] as [number | undefined, number][] };
  const all = Array.from({ length: total }, (_, i) => i + 1);
  return {
    calls,
    q: {
      count: async () => {
        calls.count++;
        return total;
      },
      rows: async (limit: number | undefined, offset: number) => {
        calls.rows.push([limit, offset]);
        return all.slice(offset, limit === undefined ? undefined : offset + limit);
      },
    },
  };
}

describe('pageWindow', () => {
  it('clamps the page size to 1..MAX_PAGE_SIZE and the page number to >= 1', () => {
    expect(pageWindow(undefined, undefined)).toEqual({ kind: 'page', pageNo: 1, pageSize: 50 });
    expect(pageWindow(3, 5000)).toEqual({ kind: 'page', pageNo: 3, pageSize: MAX_PAGE_SIZE });
    expect(pageWindow(0, 0)).toEqual({ kind: 'page', pageNo: 1, pageSize: 1 });
    expect(pageWindow(-2, -7)).toEqual({ kind: 'page', pageNo: 1, pageSize: 1 });
  });
});

describe('fetchPage', () => {
  it('returns a full page with the total from COUNT', async () => {
    const s = source(120);
    const page = await fetchPage(pageWindow(2, 50), s.q);
    expect(page.items[0]).toBe(51);
    expect(page.items).toHaveLength(50);
    expect(page.total).toBe(120);
    expect(s.calls.rows).toEqual([[50, 50]]);
    expect(s.calls.count).toBe(1);
  });

  it('derives the total from a short last page without counting', async () => {
    const s = source(120);
    const page = await fetchPage(pageWindow(3, 50), s.q);
    expect(page.items).toHaveLength(20);
    expect(page.total).toBe(120);
    expect(s.calls.count).toBe(0);
  });

  it('answers a page past the end with no rows and total 0', async () => {
    const s = source(120);
    const page = await fetchPage(pageWindow(4, 50), s.q);
    expect(page).toMatchObject({ items: [], total: 0 });
  });

  it('limits without paging but reports all matches', async () => {
    const s = source(30);
    const page = await fetchPage({ kind: 'limit', limit: 10 }, s.q);
    expect(page.items).toHaveLength(10);
    expect(page.total).toBe(30);
  });

  it('returns everything without a window', async () => {
    const s = source(7);
    const page = await fetchPage(undefined, s.q);
    expect(page.items).toHaveLength(7);
    expect(page.total).toBe(7);
    expect(s.calls.rows).toEqual([[undefined, 0]]);
  });
});

describe('resolveOrder', () => {
  const sortable = { name: 'c.name', id: 'c.id' };
  it('maps known fields case-insensitively and ends with the tiebreak', () => {
    expect(resolveOrder([{ field: 'Name', desc: true }], sortable, [], 'c.id')).toEqual([
      { column: 'c.name', desc: true },
      { column: 'c.id', desc: true },
    ]);
  });
  it('uses the fallback when nothing is asked', () => {
    expect(resolveOrder([], sortable, [{ column: 'c.name', desc: false }], 'c.id')).toEqual([
      { column: 'c.name', desc: false },
      { column: 'c.id', desc: false },
    ]);
  });
  it('rejects an unknown field naming the parameter', () => {
    try {
      resolveOrder([{ field: 'password', desc: false, param: 'order2' }], sortable, [], 'c.id');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(400);
      expect((e as AppError).details[0]?.field).toBe('order2');
    }
  });
  it('does not accept inherited object keys as fields', () => {
    expect(() => resolveOrder([{ field: 'constructor', desc: false }], sortable, [], 'c.id')).toThrow(
      AppError,
    );
  });
});
