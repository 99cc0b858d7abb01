// Reads one entity through the connector's stream and reconciles it batch by batch (consecutive pages joined
// into write batches, see write-batches.ts): each batch is ONE transaction (its records, applied by
// apply-page.ts, the lease renewal and the cursor checkpoint); after the read completes without failures,
// the sweep (full reads) or the reported removals (incremental reads) go through the deletion guard.
import { toAppError, type AppError } from '../../../core/errors.js';
import { transact, type Db, type Tx } from '../../../db/transaction.js';
import type { Redactor } from '../../kit/redact.js';
import type { ConnectorContext, Connector, EntityName, SyncPage } from '../contract.js';
import type { Instance } from '../instances/instance.js';
import { loadMappings } from '../mappings/mapping.js';
import { hasLinks, type RecordEnv } from './apply-record.js';
import { applyPage, type RecordNote } from './apply-page.js';
import { beginBulkImport } from './bulk-import.js';
import { IdFingerprints } from './id-fingerprints.js';
import { loadCursor, saveCursor } from './cursors.js';
import { applySweep, fullReadCandidates, guard, removedCandidates, type SweepCandidate } from './sweep.js';
import { zeroCounts, type EntityCounts, type PreviewChange, type WriteCtx } from './types.js';
import { writerFor } from './writers/index.js';
import { writeBatches } from './write-batches.js';

export interface EntityRunEnv {
  db: Db;
  instance: Instance;
  connector: Connector;
  cctx: ConnectorContext<unknown>;
  runId: number;
  dryRun: boolean;
  now(): string;
  redact: Redactor;
  /** Extends the run's lease inside the page transaction; throws when another worker took it over. */
  renewLease(tx: Tx): Promise<void>;
  onRecords(entity: EntityName, done: number, total: number | undefined): void;
  onPage(entity: EntityName, counts: EntityCounts, done: number, total: number | undefined): Promise<void>;
  /**
   * Users a first import creates before it drops end_users' lookup indexes until its end (bulk-import.ts);
   * 0: never.
   */
  bulkImportThreshold: number;
}

export interface EntityResult {
  counts: EntityCounts;
  mode: { mode: 'full' | 'incremental'; reason: string } | undefined;
  cursorBefore: unknown;
  cursorAfter: unknown;
  preview: PreviewChange[];
  pendingSweep: SweepCandidate[];
  sweepReason: string | undefined;
  fatal: AppError | undefined;
}

const ROLLBACK = Symbol('dry-run rollback');

async function inPage<T>(env: EntityRunEnv, fn: (tx: Tx) => Promise<T>): Promise<T | undefined> {
  let out: T | undefined;
  try {
    await transact(env.db, async (tx) => {
      out = await fn(tx);
      if (env.dryRun) throw ROLLBACK; // preview: the same writes, rolled back
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return out;
}

export async function runEntity(env: EntityRunEnv, entity: EntityName): Promise<EntityResult> {
  const sync = env.connector.syncs[entity];
  const writer = writerFor(entity) as RecordEnv<{ externalId: string }>['writer'];
  const counts = zeroCounts();
  const preview: PreviewChange[] = [];
  const state = await loadCursor(env.db, env.instance.id, entity);
  const result: EntityResult = {
    counts,
    mode: undefined,
    cursorBefore: state?.cursor,
    cursorAfter: state?.cursor,
    preview,
    pendingSweep: [],
    sweepReason: undefined,
    fatal: undefined,
  };
  if (!sync)
    return {
      ...result,
      fatal: toAppError(new Error(`${env.connector.manifest.id} has no sync for ${entity}`)),
    };
  try {
    const parsed = state?.cursor === undefined ? undefined : sync.cursorSchema.safeParse(state.cursor);
    const cursorIn = parsed?.success ? parsed.data : undefined;
    // Mappings are reloaded per entity: customers created earlier in this run are mapped by now.
    const mappings = await loadMappings(env.db, env.instance.id);
    // Every WriteCtx (and the RecordEnv below) is built with all its fields, the ones applyPage fills in later
    // too, and none is ever deleted: objects of one shape keep V8's optimised reconcile code valid. Built with
    // a spread and grown per page, they changed shape, and in an import of 100,000 users the hot reconcile
    // functions were deoptimised and compiled again and again (65 deoptimisations in all; 19 now).
    const writeCtx = (tx: Tx, noAdoptionCandidates = false): WriteCtx => ({
      tx,
      instance: env.instance,
      mappings,
      now: env.now(),
      agentId: env.instance.apiAgentId,
      log: env.cctx.log,
      links: undefined,
      adoption: undefined,
      mainSites: undefined,
      noAdoptionCandidates,
    });
    const stream = await sync.read({ ...env.cctx, mappings }, cursorIn);
    result.mode = { mode: stream.mode, reason: stream.reason };
    const resumed =
      stream.mode === 'full' &&
      state?.fullInProgress === true &&
      cursorIn !== undefined &&
      state.generation !== null;
    const generation =
      stream.mode === 'full'
        ? resumed
          ? (state.generation as number)
          : env.runId
        : (state?.generation ?? env.runId);
    let pendingRemoved = [...(state?.pendingRemoved ?? [])];
    // Records seen by this read are found in SQL (their links carry the read generation); only a dry run,
    // whose stamps are rolled back, keeps their ids in memory. A live run holds no whole-directory set.
    const seenInDryRun = env.dryRun ? new Set<string>() : undefined;
    // A first import (no links yet): link lookups go to SQL only for ids this run may have linked itself.
    // Runs of one instance never overlap (the lease), so no one else creates its links meanwhile.
    const linkedThisRun = (await hasLinks(env.db, env.instance.id, writer.recordType))
      ? undefined
      : new IdFingerprints();
    const bulk = await beginBulkImport({
      db: env.db,
      log: env.cctx.log,
      table: writer.table,
      dryRun: env.dryRun,
      firstImport: linkedThisRun !== undefined,
      threshold: env.bulkImportThreshold,
    });
    let seenCount = 0;
    let cursor = state?.cursor;
    let done = 0;
    const pages = stream.pages as AsyncIterable<SyncPage<{ externalId: string }, unknown>>;
    try {
      for await (const page of writeBatches(pages)) {
        const batchCounts = zeroCounts();
        const batchPreview: PreviewChange[] = [];
        const errors: RecordNote[] = [];
        // transact() may run this callback again (SQLITE_BUSY, a PostgreSQL deadlock): it applies the whole batch
        // again, from counts, preview and notes reset, so a rolled-back attempt leaves nothing behind.
        await inPage(env, async (tx) => {
          await env.renewLease(tx);
          Object.assign(batchCounts, zeroCounts());
          batchPreview.length = 0;
          errors.length = 0;
          const w = writeCtx(tx, bulk.noAdoptionCandidates);
          await applyPage(
            {
              w,
              entity,
              writer,
              generation,
              counts: batchCounts,
              // Only a dry run returns its changes; a live run must not keep one entry per record in memory.
              preview: env.dryRun ? batchPreview : undefined,
              stampLater: [],
              notes: errors, // stored beside the failures; skipped records are not counted as failed
              links: undefined,
              pendingCreates: undefined,
              linkedThisRun,
              beforeLinkLookup: bulk.beforeLinkLookup,
            },
            page.records,
            env.redact,
          );
          await saveCursor(
            tx,
            env.instance.id,
            entity,
            {
              cursor: page.cursor,
              generation,
              fullInProgress: stream.mode === 'full',
              pendingRemoved: [...pendingRemoved, ...(page.removed ?? [])],
            },
            w.now,
          );
        });
        seenCount += page.records.length;
        if (seenInDryRun) for (const r of page.records) seenInDryRun.add(r.externalId);
        pendingRemoved = [...pendingRemoved, ...(page.removed ?? [])];
        cursor = page.cursor;
        for (const k of Object.keys(counts) as (keyof EntityCounts)[]) counts[k] += batchCounts[k];
        preview.push(...batchPreview);
        if (errors.length) {
          await env.db
            .insertInto('run_record_errors')
            .values(
              errors.map((e) => ({
                run_id: env.runId,
                instance_id: env.instance.id,
                entity,
                external_id: e.externalId,
                external_name: e.name,
                code: e.code,
                message: e.message,
                created_at: env.now(),
              })),
            )
            .execute();
        }
        done += page.records.length;
        env.onRecords(entity, done, page.total);
        await env.onPage(entity, counts, done, page.total);
        await bulk.afterBatch(counts.created);
      }
    } catch (e) {
      // The read or a write failed: the indexes come back all the same, and that error is the run's.
      await bulk
        .finish()
        .catch((err: unknown) =>
          env.cctx.log.error({ err }, 'end-user indexes not rebuilt; the next run rebuilds them'),
        );
      throw e;
    }
    await bulk.finish();
    result.cursorAfter = cursor;
    // The read is complete: sweep (full) or apply reported removals (incremental), through the guard.
    await inPage(env, async (tx) => {
      const w = writeCtx(tx);
      const clean = counts.failed === 0;
      let candidates: SweepCandidate[] = [];
      if (clean) {
        // A first import (no links when this run started) made every link there is in this read, so none can
        // be unseen: skip the scan of all of them (~0.17 s per 100,000 links, timed in bench/reconcile).
        const unseenPossible = !linkedThisRun || env.dryRun;
        candidates =
          stream.mode !== 'full'
            ? await removedCandidates(tx, entity, writer, env.instance.id, pendingRemoved)
            : unseenPossible
              ? await fullReadCandidates(tx, entity, writer, env.instance.id, generation, seenInDryRun)
              : [];
        const verdict = await guard(
          tx,
          env.instance,
          writer,
          candidates.length,
          stream.mode === 'full' ? seenCount : undefined,
        );
        if (verdict.allowed) {
          const swept = await applySweep(w, writer, candidates);
          counts.inactivated += swept.length;
          for (const c of swept)
            preview.push({
              entity,
              action: 'inactivate',
              externalId: c.externalId,
              name: c.name ?? c.externalId,
            });
        } else {
          result.pendingSweep = candidates;
          result.sweepReason = verdict.reason;
        }
      }
      const full = stream.mode === 'full';
      await saveCursor(
        tx,
        env.instance.id,
        entity,
        {
          cursor,
          generation,
          fullInProgress: false,
          pendingRemoved: clean ? [] : pendingRemoved,
          ...(full ? { fullCompletedAt: w.now } : {}),
        },
        w.now,
      );
    });
  } catch (e) {
    result.fatal = toAppError(e);
  }
  return result;
}
