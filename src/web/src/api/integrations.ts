// Types and calls of the integration framework's admin API (connectors, instances, mappings, runs).
// Every path lives here, so the screens don't care how the server spells them.
import { api, qs } from './client.js';

export type JsonSchema = {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  exclusiveMinimum?: number;
  items?: JsonSchema;
  minItems?: number;
  /** An object whose keys are one of `propertyNames.enum` (a field → attribute map). */
  propertyNames?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  /** An id from one of the server's short lists, offered by name (src/api/admin/choices.ts). */
  choices?: 'tickettype' | 'priority' | 'team';
  /** Set by unwrapNullable when the schema also allowed null. */
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  writeOnly?: boolean;
  secret?: boolean;
  examples?: unknown[];
};

export interface ConnectorInfo {
  id: string;
  displayName: string;
  description: string;
  version?: string;
  entities: string[];
  defaultSchedule: string;
  containerLabel: string;
  configSchema: JsonSchema;
  /** Per entity, the fields an instance's field mappings may choose from. */
  mappableFields?: Record<string, string[]>;
  /** Per entity, the fields written when the instance has no field mapping for it. */
  defaultFields?: Record<string, string[]>;
  /** Instances of this connector, when the server includes the count. */
  instanceCount?: number;
}

export type EntityName = 'customers' | 'licences' | 'users' | 'agents';

export interface InstanceStatus {
  lastSyncAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  lastRunId: number | null;
  consecutiveFailures: number;
  pausedReason: string | null;
  runningRunId: number | null;
  nextRunAt?: string | null;
}

export interface Instance {
  id: number;
  connectorId: string;
  name: string;
  enabled: boolean;
  schedule: string;
  entities: EntityName[] | null;
  apiAgentId: number | null;
  unmappedPolicy: 'skip' | 'create_customer';
  createUnderToplevelId: number | null;
  sweepMaxAbsolute: number;
  sweepMaxPercent: number;
  userLeaverPolicy: 'no_tickets' | 'always' | 'never';
  /** Per entity, the fields the admin chose to write (an entity missing here uses the connector's defaults). */
  fieldMappings?: Partial<Record<EntityName, string[]>> | null;
  status: InstanceStatus;
  /** Present on the single-instance read: config with secrets masked, and which secrets are stored. */
  config?: Record<string, unknown>;
  secrets?: Record<string, { set: boolean }>;
}

export type CheckResult =
  | { ok: true; message: string; details?: Record<string, string | number | boolean> }
  | { ok: false; kind: string; message: string };

export type MappingStatus = 'mapped' | 'ambiguous' | 'unmatched';

export interface Mapping {
  id: number;
  externalId: string;
  externalName: string;
  containerKind: string;
  status: MappingStatus;
  targetKind: 'customer' | 'site' | 'agent' | null;
  customerId: number | null;
  siteId: number | null;
  /** Site mappings: the user role given to the people imported into the site. */
  userRoleId: number | null;
  roleId: number | null;
  teamId: number | null;
  recursive: boolean;
  filter: string | null;
  source: 'generated' | 'manual';
  /** For "ambiguous" rows: the ids of the customers (or sites, for OUs) the name matched. */
  candidates: number[];
  /**
   * The people it holds now: this connection's end users on its site (or in its customer's sites), or its
   * agents with its role and team. null where it holds no people (a vendor's customer mapping, or not mapped).
   */
  people: { active: number; inactive: number } | null;
}

/** Where a mapped container's records go, as the add and edit calls take it. */
export type MappingTarget =
  | { kind: 'customer'; customerId: number }
  | { kind: 'site'; siteId: number; userRoleId: number | null }
  | { kind: 'agent'; roleId: number | null; teamId: number | null };

export type ContainerKind = 'tenant' | 'ou' | 'orgunit' | 'group' | 'domain';

export interface MappingInput {
  externalId: string;
  externalName?: string;
  containerKind?: ContainerKind;
  target: MappingTarget;
  recursive?: boolean;
  filter?: string | null;
}

export interface DiscoveredContainer {
  externalId: string;
  name: string;
  kind: string;
  path?: string;
  recordCount?: number;
  /** The container it sits in, when discovery knows it (an LDAP OU's parent DN). */
  parentId?: string;
  /** Its level in the tree the server orders containers in (0: top level; a child follows its parent). */
  depth: number;
}

export interface GenerateResult {
  mapped: number;
  ambiguous: number;
  unmatched: number;
  alreadyMapped: number;
}

export interface EntityCounts {
  created?: number;
  updated?: number;
  unchanged?: number;
  inactivated?: number;
  skipped?: number;
  failed?: number;
}

export type RunStatus =
  'running' | 'succeeded' | 'partial' | 'failed' | 'needs_approval' | 'skipped_already_running' | 'queued';

export interface RunProgress {
  entity?: string;
  done?: number;
  total?: number | null;
  [k: string]: unknown;
}

export interface PreviewChange {
  entity: string;
  action: 'create' | 'update' | 'inactivate';
  externalId: string;
  name: string;
  /** For updates: each changed field with its old and new value. */
  changes?: Record<string, { from: string | number | null; to: string | number | null }>;
}

export interface SweepCandidate {
  entity: string;
  recordId: number;
  externalId: string;
  name: string | null;
}

export interface PendingSweep {
  reasons: Record<string, string>;
  candidates: SweepCandidate[];
}

export interface RecordError {
  entity: string;
  externalId: string | null;
  name: string | null;
  code: string;
  message: string;
}

export interface Run {
  id: number;
  instanceId: number;
  trigger: string;
  dryRun: boolean;
  status: RunStatus;
  entities: string[];
  startedAt: string;
  finishedAt: string | null;
  modes?: Record<string, { mode: string; reason: string } | null>;
  counts: Record<string, EntityCounts | null>;
  progress?: RunProgress | null;
  error: { code: string; kind: string | null; message: string | null } | null;
  pendingSweep: PendingSweep | null;
  sweepDecision: 'approved' | 'rejected' | null;
  decidedAt?: string | null;
}

/** The single-run read adds the per-record errors and, for previews, the changes. */
export interface RunDetail extends Run {
  recordErrors: RecordError[];
  preview: PreviewChange[] | null;
}

const inst = (id: number | string) => `/instances/${encodeURIComponent(String(id))}`;
const run = (runId: number | string) => `/runs/${encodeURIComponent(String(runId))}`;

export const integrations = {
  connectors: () => '/connectors',
  instances: (connectorId?: string) => `/instances${qs({ connectorId })}`,
  instance: (id: number | string) => inst(id),
  mappings: (id: number | string) => `${inst(id)}/mappings`,
  runs: (id: number | string, limit = 30) => `${inst(id)}/runs${qs({ limit })}`,
  run: (runId: number | string) => run(runId),

  createInstance: (body: Record<string, unknown>) => api.post<Instance>('/instances', body),
  updateInstance: (id: number, body: Record<string, unknown>) => api.patch<Instance>(inst(id), body),
  deleteInstance: (id: number) => api.del<unknown>(inst(id)),
  resume: (id: number) => api.post<Instance>(`${inst(id)}/resume`),
  check: (id: number) => api.post<CheckResult>(`${inst(id)}/check`),
  discover: (id: number) => api.post<{ containers: DiscoveredContainer[] }>(`${inst(id)}/discover`),
  generateMappings: (id: number) => api.post<GenerateResult>(`${inst(id)}/mappings/generate`),
  addMapping: (id: number, body: MappingInput) => api.post<Mapping>(`${inst(id)}/mappings`, body),
  updateMapping: (id: number, mappingId: number, body: Omit<MappingInput, 'externalId'>) =>
    api.patch<Mapping>(`${inst(id)}/mappings/${mappingId}`, body),
  removeMapping: (id: number, mappingId: number) => api.del<unknown>(`${inst(id)}/mappings/${mappingId}`),
  startRun: (id: number, body: { dryRun: boolean; entities?: string[] }) =>
    api.post<Run>(`${inst(id)}/runs`, body),
  getRun: (runId: number) => api.get<RunDetail>(run(runId)),
  approve: (runId: number) => api.post<unknown>(`${run(runId)}/approve`),
  reject: (runId: number) => api.post<unknown>(`${run(runId)}/reject`),
};

// ---- Reading runs. Counts are per entity; a null entry is an entity that did not get to run. ----

export const COUNT_KEYS = ['created', 'updated', 'unchanged', 'inactivated', 'skipped', 'failed'] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

export function totalCounts(r: Pick<Run, 'counts'>): Record<CountKey, number> {
  const out: Record<CountKey, number> = {
    created: 0,
    updated: 0,
    unchanged: 0,
    inactivated: 0,
    skipped: 0,
    failed: 0,
  };
  for (const g of Object.values(r.counts ?? {})) {
    if (!g) continue;
    for (const k of COUNT_KEYS) out[k] += Number(g[k] ?? 0);
  }
  return out;
}

export function countsByEntity(r: Pick<Run, 'counts'>): [string, EntityCounts][] {
  return Object.entries(r.counts ?? {}).map(([e, c]): [string, EntityCounts] => [e, c ?? {}]);
}

/** Progress as one line: the entity being read, and "done of total" when the connector reports it. */
export function progressOf(
  r: Run,
): { done: number | null; total: number | null; entity: string | null } | null {
  const p = r.progress;
  if (!p || typeof p !== 'object') return null;
  return {
    done: typeof p.done === 'number' ? p.done : null,
    total: typeof p.total === 'number' ? p.total : null,
    entity: typeof p.entity === 'string' ? p.entity : null,
  };
}

export const RUN_STATUS_LABEL: Record<string, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  partial: 'Partly failed',
  failed: 'Failed',
  needs_approval: 'Waiting for approval',
  skipped_already_running: 'Skipped (already running)',
};

export function runTone(status: string): 'good' | 'bad' | 'warn' | 'info' | 'neutral' {
  if (status === 'succeeded') return 'good';
  if (status === 'failed') return 'bad';
  if (status === 'partial' || status === 'needs_approval') return 'warn';
  if (status === 'running' || status === 'queued') return 'info';
  return 'neutral';
}

export const isRunActive = (r: Pick<Run, 'status'> | null | undefined): boolean =>
  !!r && (r.status === 'running' || r.status === 'queued');
