import { describe, expect, it } from 'vitest';
import { pagesByNumber, pagesByToken } from './paging.js';
import { ProgressTracker } from './progress.js';

describe('paging', () => {
  it('walks numbered pages to the reported total and resumes from a start page', async () => {
    const data = [[1, 2], [3, 4], [5]];
    const fetch = async (p: number) => ({ items: data[p - 1] ?? [], totalPages: 3 });
    const seen = [];
    for await (const p of pagesByNumber(fetch)) seen.push([p.page, p.next, p.items]);
    expect(seen).toEqual([
      [1, 2, [1, 2]],
      [2, 3, [3, 4]],
      [3, null, [5]],
    ]);
    const resumed = [];
    for await (const p of pagesByNumber(fetch, 3)) resumed.push(p.items);
    expect(resumed).toEqual([[5]]);
  });

  it('follows tokens and refuses a repeated token', async () => {
    const out = [];
    for await (const p of pagesByToken(async (t?: string) =>
      t ? { items: [t], next: undefined } : { items: ['a'], next: 'b' },
    ))
      out.push(...p.items);
    expect(out).toEqual(['a', 'b']);
    const loop = pagesByToken(async () => ({ items: [1], next: 'same' }));
    await expect(
      (async () => {
        for await (const _ of loop) void _;
      })(),
    ).rejects.toThrow(/same page token/);
  });

  it('throttles progress and always flushes the last value', () => {
    let t = 0;
    const got: number[] = [];
    const p = new ProgressTracker(
      (u) => got.push(u.done),
      100,
      () => t,
    );
    p.add(1); // t=0: first emit happens (0 - 0 >= 100 is false) → no
    t = 150;
    p.add(1);
    p.add(1);
    p.flush();
    expect(got).toEqual([2, 3]);
  });
});
