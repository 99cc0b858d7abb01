// Groups consecutive pages of a read into write batches: each batch is one transaction. A transaction per
// directory page (500–1,000 records) made commits the largest cost of a big import: every commit writes each
// index leaf page the batch touched, and random keys (e-mail, external ids) touch a different leaf per row, so
// 100,000 users in 200 commits wrote about a gigabyte of WAL. Batches of ~5,000 records write a fifth of that.
// A batch also closes after `maxWaitMs` of reading, so a slow source (a rate-limited API) still sees its
// records written, checkpointed and counted at a steady pace, and a source that fails mid-batch still gets the
// pages it delivered written before the error surfaces.
import type { SyncPage } from '../contract.js';

export interface WriteBatchOptions {
  /** Close the batch once it holds this many records (plus removals). */
  records: number;
  /** Close the batch once this long has passed since its first page arrived. */
  maxWaitMs: number;
}

export const DEFAULT_WRITE_BATCH: WriteBatchOptions = { records: 5000, maxWaitMs: 1000 };

export async function* writeBatches<R, C>(
  pages: AsyncIterable<SyncPage<R, C>>,
  options: WriteBatchOptions = DEFAULT_WRITE_BATCH,
): AsyncGenerator<SyncPage<R, C>> {
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
  try {
    for await (const page of pages) {
      if (!batch) {
        batch = { records: [], removed: [], cursor: page.cursor, total: undefined };
        startedAt = performance.now();
      }
      for (const r of page.records) batch.records.push(r);
      for (const id of page.removed ?? []) batch.removed.push(id);
      batch.cursor = page.cursor; // the batch is committed with its last page's cursor
      if (page.total !== undefined) batch.total = page.total;
      if (
        batch.records.length + batch.removed.length >= options.records ||
        performance.now() - startedAt >= options.maxWaitMs
      )
        yield flush();
    }
  } catch (e) {
    // The source failed: what it delivered before is still written and checkpointed (a rerun resumes after it).
    if (batch) yield flush();
    throw e;
  }
  if (batch) yield flush();
}
