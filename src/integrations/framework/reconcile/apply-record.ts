// Reconciles one record inside the page's transaction: match on (instance, record type, external id),
// skip unchanged content by hash, write only the admin-selected fields, stamp the read generation.
import { sql } from 'kysely';
import { insertWithIds } from '../../../db/bulk.js';
import type { EntityName } from '../contract.js';
import type { ExternalRecordType } from '../../../db/schema/core.js';
import type { Db, Tx } from '../../../db/transaction.js';
import type { IdFingerprints } from './id-fingerprints.js';
import { contentHash, diff, mergeValues, selectFields } from './values.js';
import type { EntityCounts, PreviewChange, RecordWriter, Resolved, Values, WriteCtx } from './types.js';

export interface RecordEnv<R> {
  w: WriteCtx;
  entity: EntityName;
  writer: RecordWriter<R>;
  /** Stamped on every record seen by this read (see sync_cursors.generation). */
  generation: number;
  counts: EntityCounts;
  preview: PreviewChange[] | undefined;
  /** The page's links, fetched in one query (see prefetchLinks); kept current as links are added. */
  links?: Map<string, LinkRow> | undefined;
  /**
   * When set, plain "seen again" stamps are collected here and written per page by flushStamps (one UPDATE per
   * 500 links instead of one per record: a full reconcile of 100,000 unchanged users made 100,000 UPDATEs).
   */
  stampLater?: number[];
  /**
   * When set (a batched page), new records whose writer has createMany are collected here and inserted per
   * page by flushCreates (multi-row INSERTs for the rows and their links) instead of one INSERT pair each.
   */
  pendingCreates?: Map<string, PendingCreate> | undefined;
  /**
   * Set when the instance had no links of this record type when the run started (a first import): every link
   * that can exist was made by this run and is added here (by applyPage, once a page is written), so
   * prefetchLinks asks SQL only about ids in it.
   */
  linkedThisRun?: IdFingerprints | undefined;
  /**
   * Called before prefetchLinks asks SQL about ids in linkedThisRun: a large first import may have dropped the
   * links' identity index, which the lookup needs (bulk-import.ts builds it again).
   */
  beforeLinkLookup?: ((tx: Tx) => Promise<void>) | undefined;
  /** Per-record notes of skipped records (stored with the run's record errors; the record counts as skipped). */
  notes?: { externalId: string; name: string | null; code: string; message: string }[];
}

export interface LinkRow {
  id: number;
  record_id: number;
  content_hash: string | null;
}

/** True when the instance has any link of this record type (else a read is its first import). */
export async function hasLinks(db: Db, instanceId: number, recordType: ExternalRecordType): Promise<boolean> {
  const row = await db
    .selectFrom('external_links')
    .select('id')
    .where('instance_id', '=', instanceId)
    .where('record_type', '=', recordType)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The existing links of a page's records, in one query per 500 ids (only ids this run may have linked, on a first import). */
export async function prefetchLinks(
  env: Pick<RecordEnv<unknown>, 'w' | 'writer' | 'linkedThisRun' | 'beforeLinkLookup'>,
  ids: string[],
): Promise<Map<string, LinkRow>> {
  const out = new Map<string, LinkRow>();
  const linked = env.linkedThisRun;
  const externalIds = linked ? ids.filter((id) => linked.mightContain(id)) : ids;
  if (linked && externalIds.length > 0) await env.beforeLinkLookup?.(env.w.tx);
  for (let i = 0; i < externalIds.length; i += 500) {
    const rows = await env.w.tx
      .selectFrom('external_links')
      .select(['id', 'record_id', 'content_hash', 'external_id'])
      .where('instance_id', '=', env.w.instance.id)
      .where('record_type', '=', env.writer.recordType)
      .where('external_id', 'in', externalIds.slice(i, i + 500))
      .execute();
    for (const r of rows)
      out.set(r.external_id, { id: r.id, record_id: r.record_id, content_hash: r.content_hash });
  }
  return out;
}

export interface PendingCreate {
  values: Values;
  name: string;
  hash: string;
  afterCreate: ((w: WriteCtx, id: number) => Promise<void>) | undefined;
}

const LINK_COLUMNS = [
  'instance_id',
  'record_type',
  'record_id',
  'external_id',
  'external_name',
  'last_seen_at',
  'last_seen_run_id',
  'content_hash',
  'created_at',
  'updated_at',
] as const;

/**
 * Inserts the page's collected creates (see RecordEnv.pendingCreates): the rows, then their links (multi-row
 * inserts with ids allocated up front, db/bulk.ts), then each row's afterCreate in record order.
 */
export async function flushCreates(env: RecordEnv<unknown>): Promise<void> {
  const pending = env.pendingCreates;
  const createMany = env.writer.createMany;
  if (!pending || pending.size === 0 || !createMany) return;
  const { w } = env;
  const externalIds = [...pending.keys()];
  const creates = [...pending.values()];
  pending.clear();
  const ids = await createMany.call(
    env.writer,
    w,
    creates.map((p) => p.values),
  );
  const { instance, now } = w;
  const recordType = env.writer.recordType;
  const linkIds = await insertWithIds(w.tx, 'external_links', LINK_COLUMNS, creates.length, (n, id) => {
    const p = creates[n] as PendingCreate;
    return [
      id,
      instance.id,
      recordType,
      ids[n],
      externalIds[n],
      p.name,
      now,
      env.generation,
      p.hash,
      now,
      now,
    ];
  });
  for (let n = 0; n < creates.length; n++) {
    const externalId = externalIds[n] as string;
    env.links?.set(externalId, {
      id: linkIds[n] as number,
      record_id: ids[n] as number,
      content_hash: (creates[n] as PendingCreate).hash,
    });
  }
  for (let n = 0; n < creates.length; n++) await creates[n]?.afterCreate?.(w, ids[n] as number);
}

type Outcome = 'created' | 'updated' | 'unchanged' | 'skipped';

/** Writes the page's collected stamps (see RecordEnv.stampLater), inside the page's transaction. */
export async function flushStamps(env: RecordEnv<unknown>): Promise<void> {
  const ids = env.stampLater ?? [];
  for (let i = 0; i < ids.length; i += 500) {
    await env.w.tx
      .updateTable('external_links')
      .set({ last_seen_at: env.w.now, last_seen_run_id: env.generation, updated_at: env.w.now })
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
  ids.length = 0;
}

/** Stamps the link as seen by this read: collected for flushStamps when the page does that, else written now. */
function stamp(
  env: RecordEnv<unknown>,
  linkId: number,
  extra?: Record<string, unknown>,
): Promise<void> | undefined {
  if (env.stampLater && !extra) {
    env.stampLater.push(linkId);
    return undefined;
  }
  return env.w.tx
    .updateTable('external_links')
    .set({ last_seen_at: env.w.now, last_seen_run_id: env.generation, updated_at: env.w.now, ...extra })
    .where('id', '=', linkId)
    .execute()
    .then(() => undefined);
}

async function currentRow(
  env: RecordEnv<unknown>,
  id: number,
  columns: string[],
): Promise<Record<string, unknown> | undefined> {
  return (await env.w.tx
    .selectFrom(env.writer.table)
    .select(columns.map((c) => sql.ref(c).as(c)))
    .where('id', '=', id)
    .executeTakeFirst()) as Record<string, unknown> | undefined;
}

type Written = Extract<Resolved, { kind: 'write' }>;

/**
 * Reconciles one record. Synchronous (no promise, no async frame) where the page's prefetched links and the
 * writer answer without a query and nothing is written per record: a new record collected for flushCreates,
 * an unchanged one stamped later, a skipped one. An import runs this 100,000 times; the promises and frames
 * of an async version were a fifth of its garbage.
 */
export function applyRecord<R extends { externalId: string }>(
  env: RecordEnv<R>,
  record: R,
): Outcome | Promise<Outcome> {
  const { w, writer } = env;
  if (!env.links)
    return w.tx
      .selectFrom('external_links')
      .select(['id', 'record_id', 'content_hash'])
      .where('instance_id', '=', w.instance.id)
      .where('record_type', '=', writer.recordType)
      .where('external_id', '=', record.externalId)
      .executeTakeFirst()
      .then((link) => resolveThenApply(env, record, link));
  return resolveThenApply(env, record, env.links.get(record.externalId));
}

function resolveThenApply<R extends { externalId: string }>(
  env: RecordEnv<R>,
  record: R,
  link: LinkRow | undefined,
): Outcome | Promise<Outcome> {
  const resolving = env.writer.resolve(env.w, record);
  return resolving instanceof Promise
    ? resolving.then((r) => applyResolved(env, record, link, r))
    : applyResolved(env, record, link, resolving);
}

function applyResolved<R extends { externalId: string }>(
  env: RecordEnv<R>,
  record: R,
  link: LinkRow | undefined,
  r: Resolved,
): Outcome | Promise<Outcome> {
  const { w, writer } = env;
  if (r.kind === 'skip') {
    const { note } = r;
    const skipped = (): Outcome => {
      if (note) {
        const name = 'name' in record ? String(record.name) : null;
        env.notes?.push({ externalId: record.externalId, name, ...note });
      }
      return 'skipped';
    };
    // Still present at the source: never sweep it.
    const stamped = link ? stamp(env, link.id) : undefined;
    return stamped ? stamped.then(skipped) : skipped();
  }
  const selected = w.instance.fieldMappings?.[env.entity] ?? writer.defaultFields;
  const values = mergeValues(selected ? selectFields(r.fields, selected) : r.fields, r.structural);
  const hash = contentHash(values);
  const targetId = r.existingId ?? link?.record_id;
  if (link && link.record_id === targetId && link.content_hash === hash) {
    // Same content as last written: nothing to read or write, only the read generation to stamp.
    const stamped = stamp(env, link.id);
    return stamped ? stamped.then(() => 'unchanged' as const) : 'unchanged';
  }
  if (targetId === undefined && !link && env.pendingCreates && writer.createMany)
    return collectCreate(env, env.pendingCreates, record, r, createValues(r, selected, values), hash);
  return writeRecord(env, record, link, r, selected, values, hash, targetId);
}

/** Collects a new record for flushCreates (the page's multi-row insert). */
function collectCreate<R extends { externalId: string }>(
  env: RecordEnv<R>,
  pending: Map<string, PendingCreate>,
  record: R,
  r: Written,
  values: Values,
  hash: string,
): Outcome {
  // A second record with the same external id in one page: the batched page gives up and the page is
  // applied record by record, where the first one's link makes the second an update.
  if (pending.has(record.externalId))
    throw new Error(`external id ${record.externalId} appears twice in one page`);
  pending.set(record.externalId, { values, name: r.name, hash, afterCreate: r.afterCreate });
  env.preview?.push({ entity: env.entity, action: 'create', externalId: record.externalId, name: r.name });
  return 'created';
}

/** A created record always gets its name, even when the admin does not map "name" for updates. */
function createValues(r: Written, selected: readonly string[] | null | undefined, values: Values): Values {
  return !selected || selected.includes('name')
    ? values
    : mergeValues(selectFields(r.fields, selected, ['name']), r.structural);
}

/** Updates the record the link or adoption points at (when its row differs), or creates one now. */
async function writeRecord<R extends { externalId: string }>(
  env: RecordEnv<R>,
  record: R,
  link: LinkRow | undefined,
  r: Written,
  selected: readonly string[] | null | undefined,
  values: Values,
  hash: string,
  targetId: number | undefined,
): Promise<Outcome> {
  const { w, writer } = env;
  const current = targetId === undefined ? undefined : await currentRow(env, targetId, Object.keys(values));

  if (current && targetId !== undefined) {
    const linkUnchanged = link && link.record_id === targetId && link.content_hash === hash;
    const changes = linkUnchanged ? {} : diff(current, values);
    const changed = Object.keys(changes);
    if (changed.length > 0) {
      const set = Object.fromEntries(changed.map((k) => [k, values[k]]));
      await w.tx
        .updateTable(writer.table)
        .set({ ...set, updated_at: w.now })
        .where('id', '=', targetId)
        .execute();
      env.preview?.push({
        entity: env.entity,
        action: 'update',
        externalId: record.externalId,
        name: r.name,
        changes,
      });
    }
    if (link) await stamp(env, link.id, { record_id: targetId, content_hash: hash, external_name: r.name });
    else await insertLink(env, record.externalId, targetId, r.name, hash);
    if (link) env.links?.set(record.externalId, { ...link, record_id: targetId, content_hash: hash });
    return changed.length > 0 ? 'updated' : 'unchanged';
  }

  const toCreate = createValues(r, selected, values);
  if (env.pendingCreates && writer.createMany && !link)
    return collectCreate(env, env.pendingCreates, record, r, toCreate, hash);
  const id = await writer.create(w, toCreate);
  await r.afterCreate?.(w, id);
  if (link) await stamp(env, link.id, { record_id: id, content_hash: hash, external_name: r.name });
  else await insertLink(env, record.externalId, id, r.name, hash);
  if (link) env.links?.set(record.externalId, { ...link, record_id: id, content_hash: hash });
  env.preview?.push({ entity: env.entity, action: 'create', externalId: record.externalId, name: r.name });
  return 'created';
}

async function insertLink(
  env: RecordEnv<unknown>,
  externalId: string,
  recordId: number,
  name: string,
  hash: string,
): Promise<void> {
  const { w } = env;
  const { id } = await w.tx
    .insertInto('external_links')
    .values({
      instance_id: w.instance.id,
      record_type: env.writer.recordType,
      record_id: recordId,
      external_id: externalId,
      external_name: name,
      last_seen_at: w.now,
      last_seen_run_id: env.generation,
      content_hash: hash,
      created_at: w.now,
      updated_at: w.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  env.links?.set(externalId, { id, record_id: recordId, content_hash: hash });
}
