// Helpers shared by the writers.
import { sql } from 'kysely';
import type { Tx } from '../../../../db/transaction.js';
import type { ExternalPerson } from '../../contract.js';
import {
  RecordError,
  type AdoptionIndex,
  type RecordWriter,
  type TargetTable,
  type Values,
  type WriteCtx,
} from '../types.js';

/** Drops undefined entries, so a field the source did not send never overwrites PSA data with null. */
export function defined(values: Record<string, string | number | null | undefined>): Values {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Values;
}

/** Sets inactive = 1 on the ids that are still active; returns the ids changed. */
export async function inactivate(
  tx: Tx,
  table: Exclude<TargetTable, 'licences'>,
  ids: number[],
  now: string,
): Promise<number[]> {
  if (ids.length === 0) return [];
  const active = await activeIds(tx, table, ids);
  if (active.length)
    await tx.updateTable(table).set({ inactive: 1, updated_at: now }).where('id', 'in', active).execute();
  return active;
}

export async function activeIds(
  tx: Tx,
  table: Exclude<TargetTable, 'licences'>,
  ids: number[],
): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .selectFrom(table)
    .select('id')
    .where('id', 'in', ids)
    .where('inactive', '=', 0)
    .execute();
  return rows.map((r) => r.id);
}

type AdoptingWriter = Pick<RecordWriter<unknown>, 'recordType'> & { table: 'end_users' | 'agents' };

/** What adopts end users: hand-made rows of end_users, linked as 'user'. */
export const ADOPTS_USERS = { recordType: 'user', table: 'end_users' } as const;

/** The condition that no integration links a row of `writer.table`: a row made by hand, so adoptable. */
export function unlinked(writer: AdoptingWriter) {
  return sql<boolean>`not exists (select 1 from external_links
    where external_links.record_id = ${sql.ref(`${writer.table}.id`)}
      and external_links.record_type = ${writer.recordType})`;
}

/** adoptFromPage's answer when only a query can tell. */
export const ASK_DATABASE: unique symbol = Symbol('ask the database');

/**
 * adoptExisting's answer from what the page already fetched (its links and adoption candidates), without a
 * query; ASK_DATABASE when those do not cover the record. Most records of an import are answered here.
 */
export function adoptFromPage(
  w: WriteCtx,
  writer: AdoptingWriter,
  rec: ExternalPerson,
  customerId?: number,
): number | undefined | typeof ASK_DATABASE {
  if (!rec.match) return undefined;
  if (w.noAdoptionCandidates && writer.table === 'end_users') return undefined;
  if (!w.links) return ASK_DATABASE;
  if (w.links.has(rec.externalId)) return undefined;
  const index = w.adoption;
  if (!index || writer.table !== 'end_users' || customerId === undefined || !index.customers.has(customerId))
    return ASK_DATABASE;
  if (index.rows.size === 0) return undefined; // the page has no candidates at all (a first import)
  const { field, value } = rec.match;
  const key = `${field}\u0000${value.trim().toLowerCase()}`;
  const ids = (index.rows.get(key) ?? [])
    .filter((c) => c.customerId === customerId && !index.claimed.has(c.id))
    .map((c) => c.id);
  if (ids.length > 1) throw ambiguous(field, value);
  if (ids[0] !== undefined) index.claimed.add(ids[0]);
  return ids[0];
}

/**
 * A not-yet-linked person that matches exactly one record no integration has linked (made by hand), by
 * e-mail/login, is adopted instead of duplicated; end users only within the target customer. Several
 * candidates are a per-record failure for an admin to resolve.
 */
export async function adoptExisting(
  w: WriteCtx,
  writer: AdoptingWriter,
  rec: ExternalPerson,
  customerId?: number,
): Promise<number | undefined> {
  const fromPage = adoptFromPage(w, writer, rec, customerId);
  if (fromPage !== ASK_DATABASE) return fromPage;
  if (!rec.match) return undefined; // answered by adoptFromPage; narrows the type
  // adoptFromPage already looked in the page's links when it has them.
  const linked =
    !w.links &&
    (await w.tx
      .selectFrom('external_links')
      .select('id')
      .where('instance_id', '=', w.instance.id)
      .where('record_type', '=', writer.recordType)
      .where('external_id', '=', rec.externalId)
      .executeTakeFirst());
  if (linked) return undefined;
  const { field, value } = rec.match;
  // By the lower(field) index only; the customer is checked on the few rows it finds (an index on customer
  // alone could make the planner scan every user of a large customer).
  const rows = await w.tx
    .selectFrom(writer.table)
    .select([
      'id',
      sql<number | null>`${customerId === undefined ? sql`null` : sql.ref('customer_id')}`.as('customer_id'),
    ])
    .where(sql<string>`lower(${sql.ref(field)})`, '=', value.trim().toLowerCase())
    .where(unlinked(writer))
    .orderBy('id')
    .execute();
  const ids = rows.filter((r) => customerId === undefined || r.customer_id === customerId).map((r) => r.id);
  if (ids.length > 1) throw ambiguous(field, value);
  return ids[0];
}

const ambiguous = (field: string, value: string) =>
  new RecordError(
    'AMBIGUOUS_MATCH',
    `Several existing records have ${field} "${value}"; link one by hand or make them unique`,
  );

/**
 * The end users a page's people could adopt (the same conditions as adoptExisting: same lower(e-mail|login),
 * within one of the instance's mapped customers, linked by no integration), in one query per field and 500
 * values, so adoptExisting needs no query per record. Looks up by the lower(field) index alone and keeps the
 * rows of the mapped customers (a customer condition in SQL could steer the planner to the customer index).
 */
export async function prefetchAdoption(
  w: WriteCtx,
  matches: readonly { field: 'email' | 'login'; value: string }[],
): Promise<AdoptionIndex> {
  const customers = [
    ...new Set(w.mappings.flatMap((m) => ('customerId' in m.target ? [m.target.customerId] : []))),
  ];
  const index: AdoptionIndex = { rows: new Map(), customers: new Set(customers), claimed: new Set() };
  if (w.noAdoptionCandidates) return index; // none to find, and no index to find them by
  if (customers.length === 0 || customers.length > 500) return { ...index, customers: new Set() };
  for (const field of ['email', 'login'] as const) {
    const values = [
      ...new Set(matches.flatMap((m) => (m.field === field ? [m.value.trim().toLowerCase()] : []))),
    ];
    for (let i = 0; i < values.length; i += 500) {
      const rows = await w.tx
        .selectFrom('end_users')
        .select(['id', 'customer_id', sql<string>`lower(${sql.ref(field)})`.as('k')])
        .where(sql<string>`lower(${sql.ref(field)})`, 'in', values.slice(i, i + 500))
        .where(unlinked(ADOPTS_USERS))
        .orderBy('id')
        .execute();
      for (const r of rows) {
        if (!index.customers.has(r.customer_id)) continue;
        const key = `${field}\u0000${r.k}`;
        const list = index.rows.get(key) ?? [];
        list.push({ id: r.id, customerId: r.customer_id });
        index.rows.set(key, list);
      }
    }
  }
  return index;
}

/** The leaver policy: of `ids`, those to inactivate ("no_tickets": only those with no tickets in `column`). */
export async function leavers(w: WriteCtx, column: 'user_id' | 'agent_id', ids: number[]): Promise<number[]> {
  const policy = w.instance.userLeaverPolicy;
  if (policy === 'never' || ids.length === 0) return [];
  if (policy === 'always') return ids;
  const withTickets = new Set(
    (await w.tx.selectFrom('tickets').select(column).where(column, 'in', ids).execute()).map(
      (r) => r[column],
    ),
  );
  return ids.filter((id) => !withTickets.has(id));
}
