// Groups consecutive pages of a read into write batches: each batch is one transaction. A transaction per
// directory page (500–1,000 records) made commits the largest cost of a big import: every commit writes each
// index leaf page the batch touched, and random keys (e-mail, external ids) touch a different leaf per row, so
// 100,000 users in 200 commits wrote about a gigabyte of WAL. Batches of ~5,000 records write a fifth of that.
// Pages join a batch only while they arrive promptly: when the source makes us wait (a rate-limited API, a
// slow server), what we have is written first, so a slow read is checkpointed page by page as before. A source
// that fails mid-batch still gets the pages it delivered written before the error surfaces.
import type { SyncPage } from '../contract.js';

export interface WriteBatchOptions {
  /** Close the batch once it holds this many records (plus removals). */
  records: number;
  /** Close the batch when the next page takes longer than this to arrive. */
  idleMs: number;
  /** Close the batch once this long has passed since its first page arrived. */
  maxWaitMs: number;
  /**
   * The read's first page is a batch by itself, so writing starts as soon as the source delivers: a directory
   * import's main thread otherwise idled while the worker read the first five pages.
   */
  firstPageAlone?: boolean;
}

export const DEFAULT_WRITE_BATCH: WriteBatchOptions = {
  records: 5000,
  idleMs: 50,
  maxWaitMs: 1000,
  firstPageAlone: true,
};

const TIMED_OUT = Symbol('timed out');

export async function* writeBatches<R, C>(
  pages: AsyncIterable<SyncPage<R, C>>,
  options: WriteBatchOptions = DEFAULT_WRITE_BATCH,
): AsyncGenerator<SyncPage<R, C>> {
  const it = pages[Symbol.asyncIterator]();
  let batch: { records: R[]; removed: string[]; cursor: C; total: number | undefined } | undefined;
  let startedAt = 0;
  const flush = (): SyncPage<R, C> => {
    const b = batch as NonNullable<typeof batch>;
    batch = undefined;
    return {
      records: b.records,
      cursor: b.cursor,
      ...(b.removed.length ? { removed: b.removed } : {}),
      ...(b.total !== undefined ? { total: b.total } : {}),
    };
  };
  let next: Promise<IteratorResult<SyncPage<R, C>>> | undefined;
  let finished = false;
  let firstPage = true;
  try {
    for (;;) {
      next ??= it.next();
      let result: IteratorResult<SyncPage<R, C>> | typeof TIMED_OUT;
      try {
        result = batch ? await within(next, options.idleMs) : await next;
      } catch (e) {
        next = undefined;
        // The source failed: what it delivered before is still written and checkpointed.
        if (batch) yield flush();
        throw e;
      }
      if (result === TIMED_OUT) {
        yield flush(); // the source is slow: write what we have while it works on the next page
        continue;
      }
      next = undefined;
      if (result.done) {
        finished = true;
        break;
      }
      const page = result.value;
      if (!batch) {
        batch = { records: [], removed: [], cursor: page.cursor, total: undefined };
        startedAt = performance.now();
      }
      for (const r of page.records) batch.records.push(r);
      for (const id of page.removed ?? []) batch.removed.push(id);
      batch.cursor = page.cursor; // the batch is committed with its last page's cursor
      if (page.total !== undefined) batch.total = page.total;
      const alone = firstPage && options.firstPageAlone === true;
      firstPage = false;
      if (
        alone ||
        batch.records.length + batch.removed.length >= options.records ||
        performance.now() - startedAt >= options.maxWaitMs
      )
        yield flush();
    }
    if (batch) yield flush();
  } finally {
    if (!finished) {
      // The consumer stopped early: let a read in flight settle, then close the source.
      await next?.catch(() => undefined);
      await it.return?.();
    }
  }
}

/** The promise's value, or TIMED_OUT when it takes longer than `ms` (the promise keeps running). */
async function within<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<typeof TIMED_OUT>((r) => (timer = setTimeout(() => r(TIMED_OUT), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
