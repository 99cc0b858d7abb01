// The connector contract (Airbyte's verbs, typed): a manifest with one zod config schema that marks its
// secrets, `check` (never throws), `discover`, and per entity a `read` that streams pages with a typed cursor.
// Connectors only read and map; the framework's reconciler writes, checkpoints and sweeps.
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { ExternalRecordType } from '../../db/schema/core.js';

/** Why a check failed, so the console can say "fix your credentials" vs "the server is unreachable". */
export type CheckFailureKind =
  'config' | 'auth' | 'network' | 'tls' | 'permission' | 'rate_limited' | 'vendor';

/** The outcome of `check`: never thrown, always returned, so the console can show it as is. */
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

/** What `discover` found: the containers mappings can target, and the attributes field mappings can use. */
export interface DiscoverResult {
  containers: ExternalContainer[];
  /** Source attributes that field mappings may use (LDAP attribute names, Graph properties). */
  attributes?: string[];
}

// ---- The shapes connectors emit, one per entity kind the framework knows how to reconcile. ----

/** A customer on the source side (e.g. a Sophos tenant); its externalId is also its container's id. */
export interface ExternalCustomer {
  externalId: string;
  name: string;
  fields?: { website?: string; notes?: string };
}

/** A licence/subscription held by a container (customer) on the source side. */
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
  /**
   * When the person is not linked yet: adopt an existing, unlinked record whose `field` equals `value`
   * (case-insensitive) instead of creating a duplicate of a record someone made by hand.
   */
  match?: { field: 'email' | 'login'; value: string };
  /** A ticket to open, in the same transaction, when this person is newly created as an end user (onboarding). */
  onboardingTicket?: {
    summary: string;
    details?: string;
    ticketTypeId?: number;
    teamId?: number;
    priorityId?: number;
  };
}

/** The record shape each entity's stream yields. */
export interface EntityRecordMap {
  customers: ExternalCustomer;
  licences: ExternalLicence;
  users: ExternalPerson;
  agents: ExternalPerson;
}
/** The entities the framework can reconcile: customers, licences, users (end users), agents. */
export type EntityName = keyof EntityRecordMap;

/** One page of a read: committed in one transaction together with its cursor. */
export interface SyncPage<R, Cursor> {
  /** Records seen on this page (created or updated as needed). */
  records: R[];
  /** External ids the source explicitly reports as deleted (incremental reads). */
  removed?: string[];
  /** The cursor to resume from after this page; saved in the same transaction as the page's writes. */
  cursor: Cursor;
  /** Total records the read will yield, when the source says (for progress bars). */
  total?: number;
}

/**
 * A read started by `EntitySync.read`. A full read must enumerate everything; only a full read that ends
 * without error lets the framework sweep (through the deletion guard). Whether a full read resumes or
 * restarts from the given cursor is the connector's choice; the framework keeps the read generation of an
 * interrupted full read, so records seen before a crash are not swept.
 */
export interface SyncStream<R, Cursor> {
  /** A full read enumerates everything (and allows a sweep when it completes); incremental reads only changes. */
  mode: 'full' | 'incremental';
  /** Why this mode, for the run record ("no watermark yet", "DC invocationID changed", …). */
  reason: string;
  pages: AsyncIterable<SyncPage<R, Cursor>>;
}

/** An admin-approved (or generated) mapping of one source container to where its records go. */
export interface ContainerMapping {
  externalId: string;
  /** What records in this container become. */
  target:
    | { kind: 'customer'; customerId: number }
    /** userRoleId: the user role its people get; null leaves their roles as they are. */
    | { kind: 'site'; customerId: number; siteId: number; userRoleId?: number | null }
    | { kind: 'agent'; roleId: number | null; teamId: number | null };
  /** Include sub-containers (LDAP OU trees). */
  recursive: boolean;
  /** Extra source-side filter (an LDAP filter built by the escaping builder). */
  filter: string | null;
}

/** What a connector's check/discover/read receive. */
export interface ConnectorContext<Config> {
  /** Parsed and validated config, secrets decrypted. Never log it whole. */
  config: Config;
  instanceId: number;
  log: FastifyBaseLogger;
  signal: AbortSignal;
  mappings: readonly ContainerMapping[];
  /** Progress for long reads: records done so far and, when known, the total. */
  progress(entity: EntityName, done: number, total?: number): void;
  /** Secret values of this instance, to mask in anything the connector logs or throws (see kit/redact.ts). */
  secretValues: readonly string[];
}

/** How one entity is read. The cursor is zod-validated JSON, stored per (instance, entity). */
export interface EntitySync<Config, E extends EntityName, Cursor> {
  entity: E;
  /** What a record of this entity becomes here (used for external links and the sweep). */
  recordType: ExternalRecordType;
  cursorSchema: z.ZodType<Cursor>;
  /** Starts a read from `cursor` (undefined = from the beginning). */
  read(
    ctx: ConnectorContext<Config>,
    cursor: Cursor | undefined,
  ): Promise<SyncStream<EntityRecordMap[E], Cursor>>;
}

/** A connector's static description; `configSchema` is the only source of truth for its configuration. */
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

/**
 * A connector: `check` never throws (returns ok:false with a kind); `discover` and `read` throw AppErrors
 * whose kind is config | auth | transient | rate_limited | vendor (only the last two are retried).
 */
export interface Connector<Config = unknown> {
  manifest: ConnectorManifest<Config>;
  check(ctx: ConnectorContext<Config>): Promise<CheckResult>;
  discover(ctx: ConnectorContext<Config>): Promise<DiscoverResult>;
  /**
   * What a container id says of itself, for a mapping added by hand without discovery (the CLI's
   * `mappings add`): a display name and kind read off the id's own syntax, no connection made. Throws an
   * `input` AppError for an id this connector could never read (an LDAP id that is not a DN).
   */
  describeContainerId?(externalId: string): Pick<ExternalContainer, 'name' | 'kind'>;
  /**
   * Checks a mapping's extra source-side filter when the mapping is saved, so a malformed one is refused with
   * nothing written instead of failing the next sync. Throws an `input` AppError naming the field `filter`.
   */
  checkMappingFilter?(filter: string): void;
  /**
   * The config values that synced records' external ids begin with (LDAP's domain keys: `corp:<objectGUID>`),
   * each with the config path that holds it. A config update that takes away a key records were synced under
   * while bringing in a new one is a rename, and is refused (identity-keys.ts): the records of the old key would
   * all be orphaned and their people imported again. It is given the config as sent, before validation (so a
   * rename is named as such even when the update is also invalid otherwise): read it defensively.
   */
  identityKeys?(config: Record<string, unknown>): { key: string; path: string }[];
  syncs: { [E in EntityName]?: EntitySync<Config, E, unknown> };
}

/** Identity helper that infers `Config` from the manifest, for connector index files. */
export function defineConnector<Config>(connector: Connector<Config>): Connector<Config> {
  return connector;
}

/** Turns whatever `check` caught into a CheckResult by error kind (never by message text). */
export function checkFailure(e: unknown): CheckResult {
  const err = e as { kind?: string; code?: string; message?: string };
  const byKind: Record<string, CheckFailureKind> = {
    config: 'config',
    input: 'config',
    auth: 'auth',
    forbidden: 'permission',
    transient: 'network',
    rate_limited: 'rate_limited',
    vendor: 'vendor',
  };
  const kind = err.code === 'VENDOR_FORBIDDEN' ? 'permission' : (byKind[err.kind ?? ''] ?? 'vendor');
  return { ok: false, kind, message: typeof err.message === 'string' ? err.message : 'The check failed' };
}

/** Types one entity's sync with its own cursor type (the `syncs` map stores cursors as unknown). */
export function defineSync<Config, E extends EntityName, Cursor>(
  sync: EntitySync<Config, E, Cursor>,
): EntitySync<Config, E, unknown> {
  return sync as EntitySync<Config, E, unknown>;
}
