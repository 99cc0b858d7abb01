// An instance's health at a glance: running, paused, failing, disabled or healthy.
import type { Instance } from '../api/integrations.js';
import { Badge } from './states.js';

export function instanceHealth(i: Pick<Instance, 'enabled' | 'status'>): {
  label: string;
  tone: 'good' | 'bad' | 'warn' | 'info' | 'neutral';
} {
  if (i.status.runningRunId !== null) return { label: 'Running', tone: 'info' };
  if (!i.enabled) return { label: 'Disabled', tone: 'neutral' };
  if (i.status.pausedReason) return { label: 'Paused', tone: 'warn' };
  if (i.status.lastError && (i.status.consecutiveFailures > 0 || !i.status.lastSyncAt))
    return { label: 'Failing', tone: 'bad' };
  if (!i.status.lastSyncAt) return { label: 'Never synced', tone: 'neutral' };
  return { label: 'Healthy', tone: 'good' };
}

export function InstanceStatusBadge({ instance }: { instance: Pick<Instance, 'enabled' | 'status'> }) {
  const h = instanceHealth(instance);
  return <Badge tone={h.tone}>{h.label}</Badge>;
}
