import { describe, expect, it } from 'vitest';
import { pageOf, parsePageRequest } from './paging.js';

const limits = { defaultSize: 50, maxSize: 100 };
const parse = (query: string) => parsePageRequest(new URLSearchParams(query), limits);

describe('Sophos paging', () => {
  it('reads page, pageSize and pageTotal with defaults', () => {
    expect(parse('')).toEqual({ ok: true, value: { page: 1, size: 50, pageTotal: false } });
    expect(parse('page=3&pageSize=100&pageTotal=true')).toEqual({
      ok: true,
      value: { page: 3, size: 100, pageTotal: true },
    });
  });

  it('refuses zero, negative, fractional, oversized and non-boolean values', () => {
    for (const query of [
      'page=0',
      'page=-1',
      'page=1.5',
      'pageSize=0',
      'pageSize=101',
      'pageSize=abc',
      'pageTotal=yes',
    ]) {
      expect(parse(query).ok, query).toBe(false);
    }
  });

  it('computes total pages and items only when asked, in the reference key order', () => {
    const all = Array.from({ length: 250 }, (_, i) => i);
    const last = pageOf(all, { page: 3, size: 100, pageTotal: true }, limits);
    expect(last.items).toEqual(all.slice(200));
    expect(Object.entries(last.pages)).toEqual([
      ['current', 3],
      ['size', 100],
      ['total', 3],
      ['items', 250],
      ['maxSize', 100],
    ]);
    expect(pageOf(all, { page: 1, size: 100, pageTotal: false }, limits).pages).toEqual({
      current: 1,
      size: 100,
      maxSize: 100,
    });
    expect(pageOf([], { page: 1, size: 100, pageTotal: true }, limits).pages).toMatchObject({
      total: 0,
      items: 0,
    });
  });
});
