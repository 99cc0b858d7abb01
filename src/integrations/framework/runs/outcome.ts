// What a run returns and how its status is decided.
import type { RunStatus } from '../../../db/schema/integrations.js';
import type { EntityName } from '../contract.js';
import type { EntityCounts, PreviewChange } from '../reconcile/types.js';

export type { PreviewChange, EntityCounts };

/** The result of `runInstance` (never thrown). */
export interface RunOutcome {
  runId: number;
  status: RunStatus;
  counts: Partial<Record<EntityName, EntityCounts>>;
  error?: { code: string; kind: string; message: string };
  /** Dry runs: the changes the run would make. */
  preview?: PreviewChange[];
}

export interface RunRequest {
  instanceId: number;
  entities?: EntityName[];
  dryRun?: boolean;
  trigger: 'manual' | 'schedule' | 'auto' | 'api';
  onProgress?: (p: { entity: EntityName; done: number; total?: number }) => void;
  signal?: AbortSignal;
  /** Called once the run row exists (the API answers "started, run N" before the run finishes). */
  onRunCreated?: (runId: number) => void;
}

/** failed > needs_approval > partial > succeeded. */
export function decideStatus(
  fatal: boolean,
  anyPendingSweep: boolean,
  counts: Partial<Record<EntityName, EntityCounts>>,
): RunStatus {
  if (fatal) return 'failed';
  if (anyPendingSweep) return 'needs_approval';
  const failed = Object.values(counts).reduce((n, c) => n + (c?.failed ?? 0), 0);
  return failed > 0 ? 'partial' : 'succeeded';
}

/** At most this many preview entries are stored on the run row (the outcome returns them all). */
export const PREVIEW_STORE_LIMIT = 2000;
