// The connector contract (Airbyte's verbs, typed): a manifest with one zod config schema that marks its
// secrets, `check` (never throws), `discover`, and per entity a `read` that streams pages with a typed cursor.
// Connectors only read and map; the framework's reconciler writes, checkpoints and sweeps.
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { ExternalRecordType } from '../../db/schema/core.js';

/** Why a check failed, so the console can say "fix your credentials" vs "the server is unreachable". */
export type CheckFailureKind = 'config' | 'auth' | 'network' | 'tls' | 'permission' | 'rate_limited' | 'vendor';

export type CheckResult =
  | { ok: true; message: string; details?: Record<string, string | number | boolean> }
  | { ok: false; kind: CheckFailureKind; message: string };

/** Something on the source side that records belong to: a Sophos tenant, an LDAP OU, a Google org unit, an Okta group. */
export interface ExternalContainer {
  externalId: string;
  name: string;
  kind: 'tenant' | 'ou' | 'orgunit' | 'group' | 'domain';
  parentId?: string;
  /** Full path for display, e.g. the OU's DN. */
  path?: string;
  /** Users (or other records) directly inside, when the source can tell cheaply. */
  recordCount?: number;
}

export interface DiscoverResult {
  containers: ExternalContainer[];
  /** Source attributes that field mappings may use (LDAP attribute names, Graph properties). */
  attributes?: string[];
}

// ---- The shapes connectors emit, one per entity kind the framework knows how to reconcile. ----

export interface ExternalCustomer {
  externalId: string;
  name: string;
  fields?: { website?: string; notes?: string };
}

export interface ExternalLicence {
  externalId: string;
  /** The container (e.g. Sophos tenant id) the licence belongs to; the mapping decides the customer. */
  containerId: string;
  name: string;
  vendor: string;
  productCode?: string;
  type?: string;
  quantity?: number;
  consumed?: number;
  startDate?: string;
  endDate?: string;
}

/** A person in a directory: becomes an end user (site mapping) or an agent (agent mapping). */
export interface ExternalPerson {
  externalId: string;
  /** The container it sits in (an OU's DN, a group id); mappings decide site/customer or agent role. */
  containerId: string;
  /** Every container the person belongs to (e.g. groups), for group-based mappings. */
  memberOf?: string[];
  disabled: boolean;
  /** Values for the mappable user/agent fields, keyed by our field name (name, firstname, email, …). */
  fields: Record<string, string | null>;
}

export interface EntityRecordMap {
  customers: ExternalCustomer;
  licences: ExternalLicence;
  users: ExternalPerson;
  agents: ExternalPerson;
}
export type EntityName = keyof EntityRecordMap;

export interface SyncPage<R, Cursor> {
  /** Records seen on this page (created or updated as needed). */
  records: R[];
  /** External ids the source explicitly reports as deleted (incremental reads). */
  removed?: string[];
  /** The cursor to resume from after this page; saved in the same transaction as the page's writes. */
  cursor: Cursor;
}

export interface SyncStream<R, Cursor> {
  /** A full read enumerates everything (and allows a sweep when it completes); incremental reads only changes. */
  mode: 'full' | 'incremental';
  /** Why this mode, for the run record ("no watermark yet", "DC invocationID changed", …). */
  reason: string;
  pages: AsyncIterable<SyncPage<R, Cursor>>;
}

export interface ContainerMapping {
  externalId: string;
  /** What records in this container become. */
  target: { kind: 'customer'; customerId: number } | { kind: 'site'; customerId: number; siteId: number } | { kind: 'agent'; roleId: number | null; teamId: number | null };
  /** Include sub-containers (LDAP OU trees). */
  recursive: boolean;
  /** Extra source-side filter (an LDAP filter built by the escaping builder). */
  filter: string | null;
}

export interface ConnectorContext<Config> {
  /** Parsed and validated config, secrets decrypted. Never log it whole. */
  config: Config;
  instanceId: number;
  log: FastifyBaseLogger;
  signal: AbortSignal;
  mappings: readonly ContainerMapping[];
  /** Progress for long reads: records done so far and, when known, the total. */
  progress(entity: EntityName, done: number, total?: number): void;
}

export interface EntitySync<Config, E extends EntityName, Cursor> {
  entity: E;
  /** What a record of this entity becomes here (used for external links and the sweep). */
  recordType: ExternalRecordType;
  cursorSchema: z.ZodType<Cursor>;
  /** Starts a read from `cursor` (undefined = from the beginning). */
  read(ctx: ConnectorContext<Config>, cursor: Cursor | undefined): Promise<SyncStream<EntityRecordMap[E], Cursor>>;
}

export interface ConnectorManifest<Config> {
  /** Stable id, also the folder name: "sophos", "ldap", … */
  id: string;
  displayName: string;
  description: string;
  version: string;
  /** The one schema for this connector's configuration. Secret fields are marked with `secret()` from ./secret-field.ts. */
  configSchema: z.ZodType<Config>;
  /** Entities this connector can sync, in the order they should run (customers before licences). */
  entities: readonly EntityName[];
  /** Default cron schedule for the integrator. */
  defaultSchedule: string;
  /** What a container is called in this connector's UI ("Sophos tenant", "OU"). */
  containerLabel: string;
}

export interface Connector<Config = unknown> {
  manifest: ConnectorManifest<Config>;
  check(ctx: ConnectorContext<Config>): Promise<CheckResult>;
  discover(ctx: ConnectorContext<Config>): Promise<DiscoverResult>;
  syncs: { [E in EntityName]?: EntitySync<Config, E, unknown> };
}
