import { describe, expect, it } from 'vitest';
import type { SyncPage } from '../contract.js';
import { writeBatches } from './write-batches.js';

async function* source(
  pages: SyncPage<number, string>[],
  delayMs = 0,
): AsyncGenerator<SyncPage<number, string>> {
  for (const p of pages) {
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    yield p;
  }
}
const page = (from: number, n: number, cursor: string, removed?: string[]): SyncPage<number, string> => ({
  records: Array.from({ length: n }, (_, i) => from + i),
  cursor,
  ...(removed ? { removed } : {}),
});
async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('writeBatches', () => {
  it('joins consecutive pages up to the record limit, in order, with the last page cursor', async () => {
    const pages = [page(0, 400, 'c1'), page(400, 400, 'c2'), page(800, 400, 'c3'), page(1200, 100, 'c4')];
    const batches = await collect(
      writeBatches(source(pages), { records: 1000, idleMs: 60_000, maxWaitMs: 60_000 }),
    );
    expect(batches.map((b) => [b.records.length, b.cursor])).toEqual([
      [1200, 'c3'],
      [100, 'c4'],
    ]);
    expect(batches.flatMap((b) => b.records)).toEqual(Array.from({ length: 1300 }, (_, i) => i));
  });

  it('can write the first page by itself, then join pages as before', async () => {
    const pages = [page(0, 400, 'c1'), page(400, 400, 'c2'), page(800, 400, 'c3'), page(1200, 400, 'c4')];
    const batches = await collect(
      writeBatches(source(pages), { records: 1000, idleMs: 60_000, maxWaitMs: 60_000, firstPageAlone: true }),
    );
    expect(batches.map((b) => [b.records.length, b.cursor])).toEqual([
      [400, 'c1'],
      [1200, 'c4'],
    ]);
    expect(batches.flatMap((b) => b.records)).toEqual(Array.from({ length: 1600 }, (_, i) => i));
  });

  it('carries removals and counts them toward the limit', async () => {
    const pages = [page(0, 1, 'a', ['x', 'y']), page(1, 0, 'b', ['z']), page(1, 1, 'c')];
    const batches = await collect(
      writeBatches(source(pages), { records: 4, idleMs: 60_000, maxWaitMs: 60_000 }),
    );
    expect(batches).toEqual([
      { records: [0], removed: ['x', 'y', 'z'], cursor: 'b' },
      { records: [1], cursor: 'c' },
    ]);
  });

  it('writes what it has when the next page is slow to come: each slow page is its own batch', async () => {
    const pages = [page(0, 1, 'a'), page(1, 1, 'b'), page(2, 1, 'c')];
    const batches = await collect(
      writeBatches(source(pages, 60), { records: 1000, idleMs: 20, maxWaitMs: 60_000 }),
    );
    expect(batches.map((b) => [b.records, b.cursor])).toEqual([
      [[0], 'a'],
      [[1], 'b'],
      [[2], 'c'],
    ]);
  });

  it('closes a batch after maxWaitMs even while pages keep coming', async () => {
    const pages = Array.from({ length: 8 }, (_, i) => page(i, 1, `c${i}`));
    const batches = await collect(
      writeBatches(source(pages, 15), { records: 1000, idleMs: 1000, maxWaitMs: 40 }),
    );
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches.flatMap((b) => b.records)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(batches.at(-1)?.cursor).toBe('c7');
  });

  it('closes the source when the consumer stops early', async () => {
    let closed = false;
    async function* src(): AsyncGenerator<SyncPage<number, string>> {
      try {
        for (let i = 0; ; i++) yield page(i, 1, `c${i}`);
      } finally {
        closed = true;
      }
    }
    for await (const b of writeBatches(src(), { records: 3, idleMs: 1000, maxWaitMs: 60_000 })) {
      expect(b.records).toEqual([0, 1, 2]);
      break;
    }
    expect(closed).toBe(true);
  });

  it('yields a final empty page (a cursor-only page still commits its cursor)', async () => {
    const batches = await collect(
      writeBatches(source([page(0, 0, 'end')]), { records: 10, idleMs: 1000, maxWaitMs: 1000 }),
    );
    expect(batches).toEqual([{ records: [], cursor: 'end' }]);
  });

  it('writes what a failing source delivered before rethrowing its error', async () => {
    async function* failing(): AsyncGenerator<SyncPage<number, string>> {
      yield page(0, 2, 'a');
      yield page(2, 2, 'b');
      throw new Error('source broke');
    }
    const seen: SyncPage<number, string>[] = [];
    await expect(
      (async () => {
        for await (const b of writeBatches(failing(), { records: 1000, idleMs: 60_000, maxWaitMs: 60_000 }))
          seen.push(b);
      })(),
    ).rejects.toThrow('source broke');
    expect(seen).toEqual([{ records: [0, 1, 2, 3], cursor: 'b' }]);
  });
});
