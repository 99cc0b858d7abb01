// Fires each enabled, unpaused instance on its own cron (croner, seconds allowed) and enqueues a run.
// The instance list is re-read every `reloadMs`, so instances added, changed, disabled or paused while
// the integrator runs are picked up without a restart.
import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { Db } from '../db/transaction.js';
import { isRunnable, listEnabledInstances, type ScheduledInstance } from './instances.js';
import type { RunQueue } from './queue/run-queue.js';
import { claimTick } from './state.js';

export interface SchedulerOptions {
  db: Db;
  log: Logger;
  queue: RunQueue;
  reloadMs: number;
}

interface Entry {
  signature: string;
  cron: Cron | undefined;
}

export class Scheduler {
  private readonly entries = new Map<number, Entry>();
  private reloadTimer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {}

  async start(): Promise<void> {
    await this.reload();
    this.reloadTimer = setInterval(() => void this.reload(), this.options.reloadMs);
  }

  /** Instances that currently have a live schedule. */
  scheduledInstanceIds(): number[] {
    return [...this.entries].filter(([, e]) => e.cron !== undefined).map(([id]) => id);
  }

  /** Re-reads the instances and brings the cron jobs in line. Concurrent calls share one reload. */
  reload(): Promise<void> {
    this.reloading ??= this.doReload().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private async doReload(): Promise<void> {
    if (this.stopped) return;
    let instances: ScheduledInstance[];
    try {
      instances = (await listEnabledInstances(this.options.db)).filter(isRunnable);
    } catch (e) {
      this.options.log.error(
        { err: e },
        'integrator: could not read the integration instances; keeping the current schedule',
      );
      return;
    }
    if (this.stopped) return;
    const seen = new Set<number>();
    for (const instance of instances) {
      seen.add(instance.id);
      const signature = JSON.stringify([instance.schedule, instance.entities ?? null]);
      const existing = this.entries.get(instance.id);
      if (existing?.signature === signature) continue;
      existing?.cron?.stop();
      this.entries.set(instance.id, { signature, cron: this.createCron(instance) });
    }
    for (const [id, entry] of this.entries) {
      if (seen.has(id)) continue;
      entry.cron?.stop();
      this.entries.delete(id);
      this.options.log.info(
        { instanceId: id },
        'integrator: instance unscheduled (disabled, paused or deleted)',
      );
    }
  }

  private createCron(instance: ScheduledInstance): Cron | undefined {
    const { log } = this.options;
    try {
      const cron = new Cron(
        instance.schedule,
        { protect: true, name: `instance-${instance.id}` },
        (self: Cron) => this.fire(instance, self),
      );
      log.info(
        { instanceId: instance.id, schedule: instance.schedule, next: cron.nextRun()?.toISOString() },
        'integrator: instance scheduled',
      );
      return cron;
    } catch (e) {
      // Remember the bad signature (cron undefined) so the warning is not repeated every reload.
      log.warn(
        { instanceId: instance.id, schedule: instance.schedule, error: (e as Error).message },
        'integrator: invalid cron schedule; instance not scheduled',
      );
      return undefined;
    }
  }

  /** Stops an instance's schedule at once (e.g. this process just paused it). */
  drop(instanceId: number): void {
    this.entries.get(instanceId)?.cron?.stop();
    this.entries.delete(instanceId);
  }

  private async fire(instance: ScheduledInstance, cron: Cron): Promise<void> {
    const { db, log, queue } = this.options;
    const now = new Date();
    // The nominal tick time, not "now": every process computes the same value, so one claim wins.
    const tickAt =
      cron.previousRuns(1, new Date(now.getTime() + 1))[0] ??
      new Date(Math.floor(now.getTime() / 1000) * 1000);
    try {
      if (!(await claimTick(db, instance.id, tickAt))) {
        log.debug({ instanceId: instance.id, tickAt }, 'integrator: tick already claimed by another process');
        return;
      }
      const result = await queue.enqueue({
        instanceId: instance.id,
        entities: instance.entities,
        trigger: 'schedule',
        tickAt: tickAt.toISOString(),
      });
      if (result === 'busy')
        log.info({ instanceId: instance.id, tickAt }, 'integrator: previous run still going; tick skipped');
      else log.debug({ instanceId: instance.id, tickAt, result }, 'integrator: tick enqueued');
    } catch (e) {
      log.error({ err: e, instanceId: instance.id }, 'integrator: could not enqueue a scheduled run');
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.reloadTimer) clearInterval(this.reloadTimer);
    for (const e of this.entries.values()) e.cron?.stop();
    this.entries.clear();
  }
}
