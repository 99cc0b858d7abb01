// `tributary integrator`: the scheduler as its own process; `tributary integrator AUTO` (or --auto) runs
// every enabled instance once and exits non-zero if any failed; `--resume <id>` clears a pause.
import type { Command } from 'commander';
import { pino } from 'pino';
import { boot } from '../../boot.js';
import { loadConfig } from '../../config/env.js';
import { createLogger } from '../../log.js';
import { autoFailed, formatAutoTable, runAuto } from '../../integrator/auto.js';
import { buildAfterRun, mailerFromConfig, startIntegrator } from '../../integrator/integrator.js';
import { resumeInstance } from '../../integrator/pause.js';
import { loadRunInstance } from '../../integrator/runner-port.js';
import { loadIntegratorSettings } from '../../integrator/settings.js';

interface IntegratorOpts {
  auto?: boolean;
  json?: boolean;
  resume?: string;
}

export function registerIntegrator(program: Command): void {
  program
    .command('integrator')
    .description('Run integration instances on their schedules (or once with AUTO / --auto)')
    .argument('[mode]', 'AUTO: run every enabled instance once and exit (same as --auto)')
    .option('--auto', 'run every enabled instance once, print a summary, exit non-zero if any failed')
    .option('--json', 'with --auto: print the summary as JSON')
    .option('--resume <instanceId>', 'resume a paused instance (clears the pause and the failure count) and exit')
    .action(async (mode: string | undefined, opts: IntegratorOpts) => {
      if (mode !== undefined && mode.toLowerCase() !== 'auto') {
        program.error(`unknown integrator mode "${mode}" (expected AUTO)`);
      }
      if (opts.resume !== undefined) return resume(opts.resume);
      if (opts.auto || mode !== undefined) return auto(opts.json === true);
      return serveScheduler();
    });
}

/** One-shot commands log on stderr so stdout carries only the summary (and `--json` stays parseable). */
const bootToStderr = () => boot({ logger: createLogger(loadConfig().logLevel, pino.destination(2)) });

async function resume(idText: string): Promise<void> {
  const id = Number(idText);
  if (!Number.isInteger(id) || id <= 0) throw new Error(`not an instance id: ${idText}`);
  const booted = await bootToStderr();
  try {
    const ok = await resumeInstance(booted.services.db, id);
    console.log(ok ? `Instance ${id} resumed.` : `No instance ${id}.`);
    if (!ok) process.exitCode = 2;
  } finally {
    await booted.close();
  }
}

async function auto(json: boolean): Promise<void> {
  const booted = await bootToStderr();
  const { services } = booted;
  const settings = loadIntegratorSettings();
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const mailer = mailerFromConfig(services);
  try {
    const rows = await runAuto(services, {
      runInstance: await loadRunInstance(),
      afterRun: buildAfterRun(services, settings, mailer),
      concurrency: settings.concurrency,
      signal: controller.signal,
    });
    console.log(json ? JSON.stringify(rows, null, 2) : formatAutoTable(rows));
    process.exitCode = autoFailed(rows) || controller.signal.aborted ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    mailer?.close();
    await booted.close();
  }
}

async function serveScheduler(): Promise<void> {
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
