// Generic access to the lookup tables: they share an integer id and a 0/1 inactive column, and each kind's
// columns are whitelisted in kinds.ts, so one untyped view of them is safe here and only here.
import type { Kysely } from 'kysely';
import type { Db, Tx } from '../../db/transaction.js';
import type { LookupTableName } from './kinds.js';
import type { LookupRecord } from './presenter.js';

type LookupTables = Record<LookupTableName, LookupRecord>;

export const lookupTables = (db: Db | Tx): Kysely<LookupTables> => db as unknown as Kysely<LookupTables>;
