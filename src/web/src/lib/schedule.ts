// Next scheduled run of an instance, from its cron expression (the integrator uses croner the same way).
import { Cron } from 'croner';
import type { Instance } from '../api/integrations.js';

export function nextRunOf(instance: Pick<Instance, 'enabled' | 'schedule' | 'status'>): Date | null {
  if (!instance.enabled || instance.status.pausedReason) return null;
  if (instance.status.nextRunAt) return new Date(instance.status.nextRunAt);
  try {
    const job = new Cron(instance.schedule, { paused: true });
    const next = job.nextRun();
    job.stop();
    return next;
  } catch {
    return null;
  }
}

export function describeSchedule(cron: string): string {
  const presets: Record<string, string> = {
    '* * * * *': 'every minute',
    '0 * * * *': 'every hour, on the hour',
    '*/15 * * * *': 'every 15 minutes',
    '*/30 * * * *': 'every 30 minutes',
    '0 */2 * * *': 'every 2 hours',
    '0 */4 * * *': 'every 4 hours',
    '0 */6 * * *': 'every 6 hours',
    '0 0 * * *': 'daily at midnight',
    '0 2 * * *': 'daily at 02:00',
  };
  return presets[cron.trim()] ?? `cron “${cron}”`;
}
