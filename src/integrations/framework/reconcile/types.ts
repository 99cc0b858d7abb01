// Shared shapes of the reconciler: per-entity counts, preview entries, and the writer each entity kind
// implements (resolve a record to column values, create, sweep).
import type { FastifyBaseLogger } from 'fastify';
import type { ExternalRecordType } from '../../../db/schema/core.js';
import type { Tx } from '../../../db/transaction.js';
import { AppError } from '../../../core/errors.js';
import type { ContainerMapping, EntityName } from '../contract.js';
import type { Instance } from '../instances/instance.js';

/** Exact counts of one entity in one run. */
export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
  inactivated: number;
  failed: number;
  /** Records deliberately not imported (container unmapped and the instance's policy is "skip"). */
  skipped: number;
}

export const zeroCounts = (): EntityCounts => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  inactivated: 0,
  failed: 0,
  skipped: 0,
});

/** One change a run made (or, in a dry run, would make). */
export interface PreviewChange {
  entity: EntityName;
  action: 'create' | 'update' | 'inactivate';
  externalId: string;
  name: string;
  /** For updates: each changed field with its old and new value. */
  changes?: Record<string, { from: Value; to: Value }>;
}

export type Value = string | number | null;
export type Values = Record<string, Value>;

/** What the writers need about the run in progress. */
export interface WriteCtx {
  tx: Tx;
  instance: Instance;
  mappings: readonly ContainerMapping[];
  now: string;
  /** The instance's API-only agent: changes are attributed to it. */
  agentId: number | null;
  log: FastifyBaseLogger;
  /** The page's existing links by external id, when the reconciler fetched them: writers need not look again. */
  links?: ReadonlyMap<string, unknown> | undefined;
  /** The page's adoption candidates, fetched in one query per field (batched pages only; see prefetchAdoption). */
  adoption?: AdoptionIndex | undefined;
  /** Customers' main sites already looked up in this page (batched pages only). */
  mainSites?: Map<number, number> | undefined;
  /** No end user was adoptable when this large first import dropped the lookup indexes (bulk-import.ts). */
  noAdoptionCandidates?: boolean;
}

/** Unlinked rows that a page's records may adopt, keyed by `field + "\u0000" + lower(value)`. */
export interface AdoptionIndex {
  rows: Map<string, { id: number; customerId: number }[]>;
  /** The customers the index covers: a record targeting another customer is looked up by itself. */
  customers: ReadonlySet<number>;
  /** Ids adopted earlier in the page: linked now, so no longer candidates. */
  claimed: Set<number>;
}

/** A record resolved to column values. `fields` are admin-mappable; `structural` are always written. */
export type Resolved =
  | {
      kind: 'skip';
      reason: string;
      /** Recorded on the run beside the record (e.g. why an admin must act before it is imported). */
      note?: { code: string; message: string };
    }
  | {
      kind: 'write';
      name: string;
      fields: Values;
      structural: Values;
      existingId?: number;
      afterCreate?: (w: WriteCtx, id: number) => Promise<void>;
    };

export type TargetTable = 'customers' | 'licences' | 'end_users' | 'agents';

export interface RecordWriter<R> {
  recordType: ExternalRecordType;
  table: TargetTable;
  /** Fields the admin may map (the instance's field mapping for the entity chooses among them). */
  mappableFields: readonly string[];
  /**
   * The fields written when the instance has no field mapping for the entity (default: all mappable fields).
   * Fields the admin chose not to map are never written on updates; a created record still gets its name.
   */
  defaultFields?: readonly string[];
  /**
   * Throws a RecordError (or any error) for a per-record failure. May answer synchronously when it needs no
   * query (an import resolves every record: a promise and an async frame each were a sixth of its garbage).
   */
  resolve(w: WriteCtx, record: R): Resolved | Promise<Resolved>;
  /** Inserts a new row from the values and returns its id. */
  create(w: WriteCtx, values: Values): Promise<number>;
  /**
   * Inserts many rows at once and returns their ids in the order of `rows` (allocated before the insert, see
   * db/bulk.ts insertWithIds). Writers without it create one row at a time.
   */
  createMany?(w: WriteCtx, rows: Values[]): Promise<number[]>;
  /** Applies the sweep to the given record ids (inactivate, or expire licences); returns the ids changed. */
  sweep(w: WriteCtx, ids: number[]): Promise<number[]>;
  /** Of the given ids, those not already swept. */
  active(tx: Tx, ids: number[]): Promise<number[]>;
}

/** A per-record failure: recorded on the run and counted as failed, never fatal. */
export class RecordError extends AppError {
  constructor(code: string, message: string) {
    super(code, 'input', message);
  }
}
