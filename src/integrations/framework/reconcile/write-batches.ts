// Groups consecutive pages of a read into write batches: each batch is one transaction. A transaction per
// directory page (500–1,000 records) made commits the largest cost of a big import: every commit writes each
// index leaf page the batch touched, and random keys (e-mail, external ids) touch a different leaf per row, so
// 100,000 users in 200 commits wrote about a gigabyte of WAL. Batches of ~5,000 records write a fifth of that.
// (20,000 wrote less WAL but cost more CPU: a batch's pages are kept until it commits, see run-entity.ts, and
// 20,000 records outlive the young generation and are collected in full GCs.)
//
// A batch is handed over as it forms, page by page: the consumer opens its transaction on the first page and
// applies each page as soon as it arrives, instead of waiting for the batch to fill. Waiting first left the
// writer idle while the batch filled, then busy while the reader stood still behind its read-ahead window.
// Pages join a batch only while they arrive promptly: when the source makes us wait (a rate-limited API, a
// slow server), the batch ends and is committed, so a slow read is checkpointed page by page and no
// transaction is held open while the source works. A source that fails mid-batch ends the batch normally
// (what it delivered is committed) and its error surfaces when the consumer asks for the next batch.
import type { SyncPage } from '../contract.js';

export interface WriteBatchOptions {
  /** End the batch once it holds this many records (plus removals). */
  records: number;
  /** End the batch when the next page takes longer than this to arrive. */
  idleMs: number;
  /** End the batch once this long has passed since its first page arrived. */
  maxWaitMs: number;
}

export const DEFAULT_WRITE_BATCH: WriteBatchOptions = { records: 5000, idleMs: 50, maxWaitMs: 1000 };

const TIMED_OUT = Symbol('timed out');

/**
 * The source's pages as a sequence of batches, each an iterable of consecutive pages. A batch must be iterated
 * to its end before the next batch is asked for.
 */
export async function* writeBatches<R, C>(
  pages: AsyncIterable<SyncPage<R, C>>,
  options: WriteBatchOptions = DEFAULT_WRITE_BATCH,
): AsyncGenerator<AsyncIterable<SyncPage<R, C>>> {
  const it = pages[Symbol.asyncIterator]();
  let next: Promise<IteratorResult<SyncPage<R, C>>> | undefined;
  let finished = false;
  let failure: { error: unknown } | undefined;
  const size = (p: SyncPage<R, C>) => p.records.length + (p.removed?.length ?? 0);

  async function* batch(first: SyncPage<R, C>): AsyncGenerator<SyncPage<R, C>> {
    const startedAt = performance.now();
    let held = size(first);
    yield first;
    while (held < options.records && performance.now() - startedAt < options.maxWaitMs) {
      next ??= it.next();
      let result: IteratorResult<SyncPage<R, C>> | typeof TIMED_OUT;
      try {
        result = await within(next, options.idleMs);
      } catch (e) {
        next = undefined;
        failure = { error: e }; // rethrown once this batch is committed
        return;
      }
      if (result === TIMED_OUT) return; // the source is slow: commit while it works on the next page
      next = undefined;
      if (result.done) {
        finished = true;
        return;
      }
      held += size(result.value);
      yield result.value;
    }
  }

  try {
    while (!finished) {
      if (failure) throw failure.error;
      next ??= it.next();
      let first: IteratorResult<SyncPage<R, C>>;
      try {
        first = await next; // no batch is open: wait as long as the source needs
      } finally {
        next = undefined;
      }
      if (first.done) {
        finished = true;
        break;
      }
      yield batch(first.value);
    }
    if (failure) throw failure.error;
  } finally {
    if (!finished && !failure) {
      // The consumer stopped early (or its transaction failed): let a read in flight settle, close the source.
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
