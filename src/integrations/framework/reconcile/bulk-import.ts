// A large first import of end users writes without end_users' lookup indexes and builds them at its end
// (see db/end-user-indexes.ts for why). Measured with bench/ldap: 1,000,000 directory users imported in 42 s
// instead of 75 s.
//
// When: a live (not dry) first import (the instance had no user links) once it has created `threshold` users
// and at least as many as the table held before it began. The rebuild then costs about what the import
// itself adds, and a small import into a large PSA never rebuilds the indexes of everyone else's users.
//
// The links' identity index goes with them (db/link-identity-index.ts) when the import has also created at
// least as many links as the table held before it (every instance's, every record type's). The run's own
// lookups by external id need it only for ids it linked itself (id-fingerprints.ts): should one come again,
// the index is built at once, inside that batch, and stays.
//
// Adoption looks up e-mail and login through two of these indexes. If any end user was unlinked (made by
// hand, so adoptable) when the import began, those two stay and only the others are dropped. If none was,
// all four go and the rest of the import adopts no one: the users it creates are linked, so the only
// candidates it could miss are users typed in by hand while it runs.
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { dropEndUserIndexes, END_USER_INDEXES, restoreEndUserIndexes } from '../../../db/end-user-indexes.js';
import {
  createLinkIdentityIndex,
  dropLinkIdentityIndex,
  LINK_IDENTITY_INDEX,
  restoreLinkIdentityIndex,
} from '../../../db/link-identity-index.js';
import { transact, type Db, type Tx } from '../../../db/transaction.js';
import type { TargetTable } from './types.js';
import { ADOPTS_USERS, unlinked } from './writers/shared.js';

export interface BulkImportEnv {
  db: Db;
  log: FastifyBaseLogger;
  table: TargetTable;
  dryRun: boolean;
  /** The instance had no links of this record type when the run began. */
  firstImport: boolean;
  /** Users created before the indexes are dropped; 0 never drops them. */
  threshold: number;
}

export interface BulkImport {
  /** After each committed batch: drops the indexes once the import is large enough. */
  afterBatch(createdSoFar: number): Promise<void>;
  /** True once all four indexes are dropped: writers must not look for users to adopt. */
  readonly noAdoptionCandidates: boolean;
  /** Before a lookup of links by external id (inside the batch's transaction): builds the identity index if dropped. */
  beforeLinkLookup(tx: Tx): Promise<void>;
  /** Builds the dropped indexes again (after the read, whether or not it succeeded). */
  finish(): Promise<void>;
}

const INERT: BulkImport = {
  afterBatch: async () => undefined,
  noAdoptionCandidates: false,
  beforeLinkLookup: async () => undefined,
  finish: async () => undefined,
};

export async function beginBulkImport(env: BulkImportEnv): Promise<BulkImport> {
  // A run killed while the indexes were dropped left them missing: every run starts by restoring them.
  if (await restoreLinkIdentityIndex(env.db))
    env.log.warn(
      { index: LINK_IDENTITY_INDEX },
      'rebuilt the link identity index that an interrupted import had dropped',
    );
  if (env.table !== 'end_users') return INERT;
  const restored = await restoreEndUserIndexes(env.db);
  if (restored.length)
    env.log.warn({ indexes: restored }, 'rebuilt end-user indexes that an interrupted import had dropped');
  if (env.dryRun || !env.firstImport || env.threshold <= 0) return INERT;
  const before = await env.db
    .selectFrom('end_users')
    .select([sql<number>`count(*)`.as('rows'), sql<number | null>`max(id)`.as('top')])
    .executeTakeFirstOrThrow();
  const rowsBefore = Number(before.rows);
  const topBefore = Number(before.top ?? 0);
  const linksBefore = Number(
    (
      await env.db
        .selectFrom('external_links')
        .select(sql<number>`count(*)`.as('rows'))
        .executeTakeFirstOrThrow()
    ).rows,
  );
  let dropped = false;
  let identityDropped = false;
  let noAdoptionCandidates = false;
  return {
    get noAdoptionCandidates() {
      return noAdoptionCandidates;
    },
    async beforeLinkLookup(tx) {
      if (!identityDropped) return;
      // Without the index the lookup is still right, only a scan; should this batch roll back, finish() builds it.
      await createLinkIdentityIndex(tx);
      identityDropped = false;
      env.log.info('large first import: an id came again, so the link identity index is built now');
    },
    async afterBatch(createdSoFar) {
      if (dropped || createdSoFar < env.threshold || createdSoFar < rowsBefore) return;
      const adoptable = await env.db
        .selectFrom('end_users')
        .select('end_users.id')
        .where('end_users.id', '<=', topBefore)
        .where(unlinked(ADOPTS_USERS))
        .limit(1)
        .executeTakeFirst();
      const indexes = END_USER_INDEXES.filter((i) => !(adoptable && i.adoption));
      const identity = createdSoFar >= linksBefore;
      await transact(env.db, async (tx) => {
        await dropEndUserIndexes(tx, indexes);
        if (identity) await dropLinkIdentityIndex(tx);
      });
      dropped = true;
      identityDropped = identity;
      noAdoptionCandidates = !adoptable;
      env.log.info(
        {
          indexes: [...indexes.map((i) => i.name), ...(identity ? [LINK_IDENTITY_INDEX] : [])],
          createdSoFar,
        },
        'large first import: indexes dropped until it ends',
      );
    },
    async finish() {
      if (!dropped) return;
      const started = performance.now();
      const rebuilt = await restoreEndUserIndexes(env.db);
      if (await restoreLinkIdentityIndex(env.db)) rebuilt.push(LINK_IDENTITY_INDEX);
      dropped = false;
      identityDropped = false;
      noAdoptionCandidates = false;
      env.log.info(
        { indexes: rebuilt, seconds: Math.round(performance.now() - started) / 1000 },
        'large first import: indexes rebuilt',
      );
    },
  };
}
