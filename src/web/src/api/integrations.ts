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
  items?: JsonSchema;
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
  status: InstanceStatus;
  /** Present on the single-instance read: config with secrets masked, and which secrets are stored. */
  config?: Record<string, unknown>;
  secrets?: Record<string, { set: boolean }>;
}

export type CheckResult =
  | { ok: true; message: string; details?: Record<string, string | number | boolean> }
  | { ok: false; kind: string; message: string };

export type MappingStatus = 'mapped' | 'ambiguous' | 'unmatched';

export interface Candidate {
  customerId: number;
  name: string;
  score?: number;
}

export interface Mapping {
  id: number;
  externalId: string;
  externalName: string;
  containerKind: string;
  status: MappingStatus;
  targetKind: 'customer' | 'site' | 'agent' | null;
  customerId: number | null;
  customerName?: string | null;
  siteId: number | null;
  siteName?: string | null;
  roleId: number | null;
  teamId: number | null;
  recursive: boolean;
  filter: string | null;
  source: 'generated' | 'manual';
  candidates?: Candidate[] | null;
}

export interface GenerateResult {
  created?: number;
  mapped?: number;
  ambiguous?: number;
  unmatched?: number;
  mappings?: Mapping[];
}

export interface EntityCounts {
  created?: number;
  updated?: number;
  unchanged?: number;
  deactivated?: number;
  failed?: number;
  seen?: number;
}

export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'needs_approval' | 'skipped_already_running' | 'queued';

export interface RunProgress {
  entity?: string;
  done?: number;
  total?: number | null;
  [k: string]: unknown;
}

export interface PreviewChange {
  entity: string;
  action: 'create' | 'update' | 'deactivate' | 'unchanged' | string;
  externalId?: string;
  name?: string;
  changes?: Record<string, unknown>;
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
  modes?: Record<string, string>;
  counts: Record<string, EntityCounts> | EntityCounts;
  progress?: RunProgress | Record<string, RunProgress> | null;
  error?: { code: string | null; kind: string | null; message: string | null } | null;
  errorCode?: string | null;
  errorKind?: string | null;
  errorMessage?: string | null;
  pendingSweep?: { entity?: string; count?: number; total?: number; percent?: number; [k: string]: unknown } | Record<string, unknown> | null;
  sweepDecision?: 'approved' | 'rejected' | null;
  preview?: { changes?: PreviewChange[]; [k: string]: unknown } | PreviewChange[] | null;
  recordErrorCount?: number;
}

export interface RecordError {
  id: number;
  entity: string;
  externalId: string | null;
  externalName: string | null;
  code: string;
  message: string;
  createdAt: string;
}

const inst = (id: number | string) => `/instances/${encodeURIComponent(String(id))}`;

export const integrations = {
  connectors: () => '/connectors',
  instances: (connectorId?: string) => `/instances${qs({ connectorId })}`,
  instance: (id: number | string) => inst(id),
  mappings: (id: number | string) => `${inst(id)}/mappings`,
  runs: (id: number | string, limit = 30) => `${inst(id)}/runs${qs({ limit })}`,
  run: (id: number | string, runId: number | string) => `${inst(id)}/runs/${encodeURIComponent(String(runId))}`,
  runErrors: (id: number | string, runId: number | string) => `${inst(id)}/runs/${encodeURIComponent(String(runId))}/errors`,

  createInstance: (body: Record<string, unknown>) => api.post<Instance>('/instances', body),
  updateInstance: (id: number, body: Record<string, unknown>) => api.patch<Instance>(inst(id), body),
  deleteInstance: (id: number) => api.del<unknown>(inst(id)),
  check: (id: number) => api.post<CheckResult>(`${inst(id)}/check`),
  generateMappings: (id: number) => api.post<GenerateResult>(`${inst(id)}/mappings/generate`),
  addMapping: (id: number, body: Record<string, unknown>) => api.post<Mapping>(`${inst(id)}/mappings`, body),
  updateMapping: (id: number, mappingId: number, body: Record<string, unknown>) => api.patch<Mapping>(`${inst(id)}/mappings/${mappingId}`, body),
  removeMapping: (id: number, mappingId: number) => api.del<unknown>(`${inst(id)}/mappings/${mappingId}`),
  startRun: (id: number, body: { dryRun: boolean; entities?: string[] }) => api.post<Run>(`${inst(id)}/runs`, body),
  getRun: (id: number, runId: number) => api.get<Run>(`${inst(id)}/runs/${runId}`),
  approve: (id: number, runId: number) => api.post<Run>(`${inst(id)}/runs/${runId}/approve`),
  reject: (id: number, runId: number) => api.post<Run>(`${inst(id)}/runs/${runId}/reject`),
};

// ---- Reading runs whatever their counts' shape (per entity or flat). ----

const COUNT_KEYS = ['created', 'updated', 'unchanged', 'deactivated', 'failed'] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
export { COUNT_KEYS };

export function totalCounts(run: Pick<Run, 'counts'>): Record<CountKey, number> {
  const out: Record<CountKey, number> = { created: 0, updated: 0, unchanged: 0, deactivated: 0, failed: 0 };
  const c = run.counts as Record<string, unknown>;
  const flat = COUNT_KEYS.some((k) => typeof c[k] === 'number');
  const groups: EntityCounts[] = flat ? [c as EntityCounts] : Object.values(c).filter((v): v is EntityCounts => !!v && typeof v === 'object');
  for (const g of groups) for (const k of COUNT_KEYS) out[k] += Number(g[k] ?? 0);
  return out;
}

export function countsByEntity(run: Pick<Run, 'counts'>): [string, EntityCounts][] {
  const c = run.counts as Record<string, unknown>;
  if (COUNT_KEYS.some((k) => typeof c[k] === 'number')) return [['all', c as EntityCounts]];
  return Object.entries(c).filter((e): e is [string, EntityCounts] => !!e[1] && typeof e[1] === 'object');
}

export function runError(run: Run): { code: string | null; kind: string | null; message: string | null } | null {
  if (run.error) return run.error;
  if (run.errorMessage || run.errorCode) return { code: run.errorCode ?? null, kind: run.errorKind ?? null, message: run.errorMessage ?? null };
  return null;
}

/** Progress as one "done of total" line, summed across entities when reported per entity. */
export function progressOf(run: Run): { done: number; total: number | null; entity: string | null } | null {
  const p = run.progress;
  if (!p) return null;
  if (typeof (p as RunProgress).done === 'number') {
    const one = p as RunProgress;
    return { done: one.done ?? 0, total: typeof one.total === 'number' ? one.total : null, entity: typeof one.entity === 'string' ? one.entity : null };
  }
  let done = 0;
  let total: number | null = 0;
  let entity: string | null = null;
  for (const [name, v] of Object.entries(p as Record<string, RunProgress>)) {
    if (!v || typeof v !== 'object') continue;
    done += Number(v.done ?? 0);
    if (typeof v.total === 'number' && total !== null) total += v.total;
    else total = null;
    entity = name;
  }
  return { done, total, entity };
}

export function previewChanges(run: Run): PreviewChange[] {
  const p = run.preview;
  if (!p) return [];
  if (Array.isArray(p)) return p;
  return Array.isArray(p.changes) ? p.changes : [];
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
