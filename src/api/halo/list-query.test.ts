import { describe, expect, it } from 'vitest';
import { listQuery, parseActivity, parseListQuery, wrapperReply } from './list-query.js';

const parse = (q: Record<string, string>) => parseListQuery(listQuery.parse(q));

describe('parseListQuery', () => {
  it('ignores page_size/page_no without pageinate and uses count as a limit', () => {
    expect(parse({ page_size: '10', page_no: '2' }).options.window).toEqual({ kind: 'all' });
    expect(parse({ count: '5' }).options.window).toEqual({ kind: 'limit', limit: 5 });
    expect(parse({ pageinate: 'true', page_size: '10', page_no: '2', count: '5' }).options.window).toEqual({
      kind: 'page',
      pageNo: 2,
      pageSize: 10,
    });
  });

  it('clamps page sizes above the maximum', () => {
    expect(parse({ pageinate: 'TRUE', page_size: '5000' }).options.window).toEqual({
      kind: 'page',
      pageNo: 1,
      pageSize: 1000,
    });
  });

  it('reads string booleans in any case and 1/0', () => {
    expect(parse({ pageinate: '1' }).paging).toBe(true);
    expect(parse({ pageinate: 'False' }).paging).toBe(false);
    expect(parse({ idonly: 'true' }).idOnly).toBe(true);
  });

  it('rejects a non-boolean flag and a non-integer number', () => {
    expect(listQuery.safeParse({ pageinate: 'maybe' }).success).toBe(false);
    expect(listQuery.safeParse({ page_size: '10abc' }).success).toBe(false);
  });

  it('drops unknown parameters', () => {
    expect(listQuery.safeParse({ activeStatus: 'active', nocache: 'undefined' }).success).toBe(true);
  });

  it('collects order/orderdesc … order5 with the parameter name', () => {
    expect(parse({ order: 'name', orderdesc: 'true', order3: 'id' }).options.order).toEqual([
      { field: 'name', desc: true, param: 'order' },
      { field: 'id', desc: false, param: 'order3' },
    ]);
  });

  it('treats a blank search as no search', () => {
    expect(parse({ search: '  ' }).options.search).toBeUndefined();
  });
});

describe('parseActivity', () => {
  it('defaults to active only', () => {
    expect(parseActivity({})).toEqual({ active: true, inactive: false });
  });
  it('follows the flags, and activeinactive unless a flag overrides it', () => {
    expect(parseActivity({ includeinactive: true })).toEqual({ active: true, inactive: true });
    expect(parseActivity({ includeactive: false, includeinactive: true })).toEqual({
      active: false,
      inactive: true,
    });
    expect(parseActivity({ activeinactive: 'false,true' })).toEqual({ active: false, inactive: true });
    expect(parseActivity({ activeinactive: 'false,true', includeactive: true })).toEqual({
      active: true,
      inactive: true,
    });
  });
});

describe('wrapperReply', () => {
  it('echoes page_no/page_size only when paging', () => {
    expect(
      wrapperReply('clients', {
        items: [{ id: 1 }],
        total: 9,
        window: { kind: 'page', pageNo: 2, pageSize: 1 },
      }),
    ).toEqual({
      page_no: 2,
      page_size: 1,
      record_count: 9,
      clients: [{ id: 1 }],
    });
    expect(
      wrapperReply('clients', { items: [{ id: 1 }], total: 9, window: { kind: 'limit', limit: 1 } }),
    ).toEqual({ record_count: 9, clients: [{ id: 1 }] });
  });
  it('projects ids only with idonly', () => {
    expect(
      wrapperReply('x', { items: [{ id: 3, name: 'n' }], total: 1, window: { kind: 'all' } }, true),
    ).toEqual({ record_count: 1, x: [{ id: 3 }] });
  });
});
