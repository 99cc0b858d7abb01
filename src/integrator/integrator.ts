// Starting and stopping the integrator: scheduler + queue + runner + notifications, in one handle.
// Used by `tributary integrator` and embedded in `tributary serve`.
import type { Services } from '../services.js';
import { createRunHandler } from './execute.js';
import { createNotifier, type AfterRunHook } from './notify/notifier.js';
import { createSmtpMailer, type Mailer } from './notify/mailer.js';
import { EmbeddedRunQueue } from './queue/embedded.js';
import { PgBossRunQueue } from './queue/pg-boss.js';
import type { RunQueue } from './queue/run-queue.js';
import { loadRunInstance, type RunInstanceFn } from './runner-port.js';
import { Scheduler } from './scheduler.js';
import { resolveSmtp, storedPauseAfter } from './stored-settings.js';
import { loadIntegratorSettings, type IntegratorSettings } from './settings.js';

export interface IntegratorOptions {
  /** The PostgreSQL URL (from the database handle); required when services.dialect is postgres. */
  postgresUrl?: string | undefined;
  settings?: Partial<IntegratorSettings>;
  /** Defaults to the framework's runInstance. */
  runInstance?: RunInstanceFn;
  /** Defaults to SMTP stored by an admin, else SMTP_URL / SMTP_FROM; neither = no mail. */
  mailer?: () => Promise<Mailer | undefined>;
}

export interface IntegratorHandle {
  queue: RunQueue;
  scheduler: Scheduler;
  settings: IntegratorSettings;
  /** Stops scheduling, lets runs finish within the grace period, then aborts the rest and releases leases. */
  stop(graceMs?: number): Promise<void>;
}

/** A mailer for the SMTP settings in force right now (database first, then environment). */
export function mailerFromSettings(services: Services): () => Promise<Mailer | undefined> {
  return async () => {
    const smtp = await resolveSmtp(services);
    return smtp ? createSmtpMailer(smtp) : undefined;
  };
}

/** The after-run hook (notifications + pausing), shared by the scheduler's runs and `--auto`. */
export function buildAfterRun(
  services: Services,
  settings: IntegratorSettings,
  mailer: () => Promise<Mailer | undefined>,
  onPaused?: (id: number) => void,
): AfterRunHook {
  return createNotifier({
    db: services.db,
    log: services.log,
    mailer,
    pauseAfterFailures: async () => (await storedPauseAfter(services)) ?? settings.pauseAfterFailures,
    publicUrl: services.config.publicUrl,
    ...(onPaused ? { onPaused } : {}),
  });
}

export function createRunQueue(
  services: Services,
  settings: IntegratorSettings,
  postgresUrl: string | undefined,
): RunQueue {
  if (services.dialect === 'postgres') {
    if (!postgresUrl) throw new Error('integrator: the PostgreSQL URL is needed for the pg-boss queue');
    return new PgBossRunQueue({ url: postgresUrl, db: services.db, log: services.log, ...settings });
  }
  return new EmbeddedRunQueue({ log: services.log, ...settings });
}

export async function startIntegrator(
  services: Services,
  options: IntegratorOptions = {},
): Promise<IntegratorHandle> {
  const settings = loadIntegratorSettings(process.env, options.settings ?? {});
  const runInstance = options.runInstance ?? (await loadRunInstance());
  const mailer = options.mailer ?? mailerFromSettings(services);
  const queue = createRunQueue(services, settings, options.postgresUrl);
  const scheduler = new Scheduler({ db: services.db, log: services.log, queue, reloadMs: settings.reloadMs });
  const afterRun = buildAfterRun(services, settings, mailer, (id) => scheduler.drop(id));
  const handler = createRunHandler({
    services,
    runInstance,
    afterRun,
    log: services.log,
    leaseWaitMaxMs: Math.max(settings.staleMs * 3, 180_000),
  });
  await queue.start(handler);
  await scheduler.start();
  services.log.info(
    { queue: queue.kind, instances: scheduler.scheduledInstanceIds().length },
    'integrator: started',
  );
  let stopping: Promise<void> | undefined;
  return {
    queue,
    scheduler,
    settings,
    stop(graceMs = settings.shutdownGraceMs) {
      stopping ??= (async () => {
        scheduler.stop();
        await queue.stop(graceMs);
        services.log.info('integrator: stopped');
      })();
      return stopping;
    },
  };
}
