// What `tributary integrator` does in each of its modes (integrator.ts registers the command and loads this
// file when it runs): the scheduler, a one-shot AUTO run, a resume, the notification settings.
import { pino } from 'pino';
import { boot, type Booted } from '../../boot.js';
import { loadConfig } from '../../config/env.js';
import { AppError, invalidInput } from '../../core/errors.js';
import { autoFailed, formatAutoTable, runAuto } from '../../integrator/auto.js';
import { buildAfterRun, mailerFromSettings, startIntegrator } from '../../integrator/integrator.js';
import { resumeInstance } from '../../integrator/pause.js';
import { loadRunInstance } from '../../integrator/runner-port.js';
import { describeMailError } from '../../integrator/notify/mailer.js';
import { loadIntegratorSettings } from '../../integrator/settings.js';
import { setPauseThreshold } from '../../integrator/state.js';
import {
  describeSettings,
  savePauseAfter,
  saveSmtp,
  saveSmtpFrom,
} from '../../integrator/stored-settings.js';
import { createLogger } from '../../log.js';

export interface IntegratorOpts {
  auto?: boolean;
  json?: boolean;
  resume?: string;
  setSmtpUrl?: string;
  setSmtpFrom?: string;
  clearSmtp?: boolean;
  setPauseAfter?: string;
  instance?: string;
  testMail?: string;
  settings?: boolean;
}

/** One-shot commands log on stderr so stdout carries only the summary (and `--json` stays parseable). */
const bootToStderr = () => boot({ logger: createLogger(loadConfig().logLevel, pino.destination(2)) });

export async function withBoot(fn: (booted: Booted) => Promise<void>): Promise<void> {
  const booted = await bootToStderr();
  try {
    await fn(booted);
  } finally {
    await booted.close();
  }
}

function instanceId(text: string, flag: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0)
    throw invalidInput(`${flag} expects an instance id`, [
      { field: flag, message: `not an instance id: ${text}` },
    ]);
  return id;
}

export async function resume(booted: Booted, idText: string): Promise<void> {
  const id = instanceId(idText, '--resume');
  const ok = await resumeInstance(booted.services.db, id);
  console.log(ok ? `Instance ${id} resumed.` : `No instance ${id}.`);
  if (!ok) process.exitCode = 2;
}

export async function settings({ services }: Booted, opts: IntegratorOpts): Promise<void> {
  if (opts.clearSmtp) await saveSmtp(services, null);
  if (opts.setSmtpUrl !== undefined)
    await saveSmtp(services, { url: opts.setSmtpUrl, from: opts.setSmtpFrom });
  else if (opts.setSmtpFrom !== undefined) await saveSmtpFrom(services, opts.setSmtpFrom);
  if (opts.setPauseAfter !== undefined) {
    const n = opts.setPauseAfter === 'default' ? null : Number(opts.setPauseAfter);
    if (n !== null && !(Number.isInteger(n) && n > 0))
      throw invalidInput('--set-pause-after expects a positive whole number or "default"', [
        { field: '--set-pause-after', message: 'not a positive whole number' },
      ]);
    if (opts.instance !== undefined)
      await setPauseThreshold(services.db, instanceId(opts.instance, '--instance'), n);
    else await savePauseAfter(services, n);
  }
  if (opts.testMail !== undefined) {
    const mailer = await mailerFromSettings(services)();
    if (!mailer)
      throw invalidInput('No SMTP is configured: set SMTP_URL or use --set-smtp-url', [
        { field: '--test-mail', message: 'no SMTP settings' },
      ]);
    try {
      await mailer.send({
        to: [opts.testMail],
        subject: '[Tributary] Test e-mail',
        text: 'Sync notices from Tributary will arrive like this one.',
      });
    } catch (e) {
      throw new AppError(
        'SMTP_FAILED',
        'transient',
        `The test e-mail could not be sent: ${describeMailError(e)}`,
      );
    } finally {
      mailer.close();
    }
    console.log(`Test e-mail sent to ${opts.testMail}.`);
  }
  const s = await describeSettings(services);
  const env = loadIntegratorSettings();
  console.log(`SMTP: ${s.smtp}${s.smtpFrom ? ` (from ${s.smtpFrom})` : ''}`);
  console.log(
    `Pause after consecutive failures: ${s.pauseAfterFailures ?? env.pauseAfterFailures}${s.pauseAfterFailures === null ? ' (environment/default)' : ' (stored)'}`,
  );
}

export async function auto(json: boolean): Promise<void> {
  const booted = await bootToStderr();
  const { services } = booted;
  const settings = loadIntegratorSettings();
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const rows = await runAuto(services, {
      runInstance: await loadRunInstance(),
      afterRun: buildAfterRun(services, settings, mailerFromSettings(services)),
      concurrency: settings.concurrency,
      signal: controller.signal,
    });
    console.log(json ? JSON.stringify(rows, null, 2) : formatAutoTable(rows));
    process.exitCode = autoFailed(rows) || controller.signal.aborted ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await booted.close();
  }
}

export async function serveScheduler(): Promise<void> {
  const booted = await boot();
  const integrator = await startIntegrator(booted.services, { postgresUrl: booted.handle.url });
  const log = booted.services.log;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn('integrator: second signal, exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'integrator: shutting down');
    try {
      await integrator.stop();
      await booted.close();
      process.exit(0);
    } catch (e) {
      log.error({ err: e }, 'integrator: error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
