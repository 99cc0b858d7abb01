import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('readAhead', () => {
  it('yields every item in order and fetches item N+1 while the consumer holds item N, never further', async () => {
    const log: string[] = [];
    async function* source() {
      for (let i = 1; i <= 3; i++) {
        log.push(`fetch ${i}`);
        await tick();
        yield i;
      }
    }
    const got: number[] = [];
    for await (const n of readAhead(source())) {
      await tick();
      log.push(`consumed ${n}`);
      got.push(n);
    }
    expect(got).toEqual([1, 2, 3]);
    expect(log).toEqual(['fetch 1', 'fetch 2', 'consumed 1', 'fetch 3', 'consumed 2', 'consumed 3']);
  });

  it('reports a failure of the fetched-ahead item when it is reached, with no unhandled rejection', async () => {
    async function* source() {
      yield 1;
      await tick();
      throw new Error('connection reset');
    }
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const n of readAhead(source())) {
          await tick();
          got.push(n);
        }
      })(),
    ).rejects.toThrow('connection reset');
    expect(got).toEqual([1]);
  });

  it('closes the source when the consumer stops early (its cleanup runs)', async () => {
    let closed = false;
    async function* source() {
      try {
        for (let i = 1; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    for await (const n of readAhead(source())) if (n === 2) break;
    expect(closed).toBe(true);
  });
});
