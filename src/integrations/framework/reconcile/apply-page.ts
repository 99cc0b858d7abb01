// Applies one page of records inside the batch's transaction. First the whole page under one savepoint with
// batched lookups and inserts; if any record throws, the page is rolled back to the savepoint and applied
// record by record, each under its own savepoint, so a bad record fails alone and the rest are written.
import { sql } from 'kysely';
import { toAppError } from '../../../core/errors.js';
import type { Redactor } from '../../kit/redact.js';
import type { ExternalPerson } from '../contract.js';
import { applyRecord, flushCreates, flushStamps, prefetchLinks, type RecordEnv } from './apply-record.js';
import { prefetchAdoption } from './writers/shared.js';

/** New records inserted per flush (see flushCreates): the page's row values never pile up in memory. */
const CREATE_CHUNK = 500;

/** A record that failed or was skipped with a reason, stored on the run beside its external id. */
export interface RecordNote {
  externalId: string;
  name: string | null;
  code: string;
  message: string;
}

type Env = RecordEnv<{ externalId: string }> & { notes: RecordNote[] };

/** Adds the page's outcomes to env.counts (and env.preview, env.notes); on return its writes are in the transaction. */
export async function applyPage(
  env: Env,
  records: readonly { externalId: string }[],
  redact: Redactor,
): Promise<void> {
  const { w, writer } = env;
  const before = { ...env.counts };
  const previewAt = env.preview?.length ?? 0;
  const notesAt = env.notes.length;
  // Undoes what the batched attempt added to the outcomes, so the record-by-record pass counts each record once.
  const forgetAttempt = () => {
    Object.assign(env.counts, before);
    if (env.preview) env.preview.length = previewAt;
    env.notes.length = notesAt;
  };
  const prepare = async (batched: boolean) => {
    env.stampLater = [];
    env.links = await prefetchLinks(
      env,
      records.map((r) => r.externalId),
    );
    w.links = env.links;
    if (batched) {
      env.pendingCreates = new Map();
      w.mainSites = new Map();
      if (writer.table === 'end_users')
        w.adoption = await prefetchAdoption(
          w,
          (records as Partial<ExternalPerson>[]).flatMap((r) => (r.match ? [r.match] : [])),
        );
    } else {
      // Cleared, never deleted: a deleted property changes the object's shape (see run-entity.ts).
      env.pendingCreates = undefined;
      w.mainSites = undefined;
      w.adoption = undefined;
    }
  };

  await prepare(true);
  await sql`savepoint tributary_page`.execute(w.tx);
  let batchedOk = false;
  try {
    for (const record of records) {
      const outcome = applyRecord(env, record);
      env.counts[outcome instanceof Promise ? await outcome : outcome]++;
      if ((env.pendingCreates?.size ?? 0) >= CREATE_CHUNK) await flushCreates(env);
    }
    await flushCreates(env);
    batchedOk = true;
  } catch {
    await sql`rollback to savepoint tributary_page`.execute(w.tx);
  }
  await sql`release savepoint tributary_page`.execute(w.tx);
  if (!batchedOk) {
    forgetAttempt();
    await prepare(false);
    for (const record of records) {
      await sql`savepoint tributary_record`.execute(w.tx);
      try {
        const outcome = applyRecord(env, record);
        env.counts[outcome instanceof Promise ? await outcome : outcome]++;
        await sql`release savepoint tributary_record`.execute(w.tx);
      } catch (e) {
        await sql`rollback to savepoint tributary_record`.execute(w.tx);
        const err = toAppError(e);
        env.counts.failed++;
        const msg = err.code === 'INTERNAL' && e instanceof Error ? e.message : err.message;
        env.notes.push({
          externalId: record.externalId,
          name: 'name' in record ? String(record.name) : null,
          code: err.code,
          message: redact(msg),
        });
      }
    }
  }
  await flushStamps(env);
  // The page is written: its links are there for the pages after it to find. Added only now, so that the
  // record-by-record pass above never takes the rolled-back batched attempt's ids for links.
  const linked = env.linkedThisRun;
  if (linked && env.links) for (const externalId of env.links.keys()) linked.add(externalId);
}
