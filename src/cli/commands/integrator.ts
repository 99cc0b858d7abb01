// `tributary integrator`: the scheduler as its own process; `tributary integrator AUTO` (or --auto) runs
// every enabled instance once and exits non-zero if any failed; `--resume <id>` clears a pause; the
// `--set-…` options store notification settings in the database.
import type { Command } from 'commander';
import type { IntegratorOpts } from './integrator-modes.js';

export function registerIntegrator(program: Command): void {
  program
    .command('integrator')
    .description('Run integration instances on their schedules (or once with AUTO / --auto)')
    .argument('[mode]', 'AUTO: run every enabled instance once and exit (same as --auto)')
    .option('--auto', 'run every enabled instance once, print a summary, exit non-zero if any failed')
    .option('--json', 'with --auto: print the summary as JSON')
    .option(
      '--resume <instanceId>',
      'resume a paused instance (clears the pause and the failure count) and exit',
    )
    .option(
      '--set-smtp-url <url>',
      'store the SMTP server for sync notices in the database (encrypted), e.g. smtp://user:pass@host:587',
    )
    .option('--set-smtp-from <address>', 'store the From address of sync notices')
    .option('--clear-smtp', 'remove the stored SMTP settings (SMTP_URL from the environment applies again)')
    .option(
      '--set-pause-after <n>',
      'pause instances after n consecutive failures ("default" removes the stored value); with --instance, for that instance only',
    )
    .option('--instance <instanceId>', 'with --set-pause-after: the instance to set it for')
    .option('--test-mail <address>', 'send a test e-mail with the SMTP settings in force')
    .option('--settings', 'show the notification settings in force (never the SMTP password)')
    .action(async (mode: string | undefined, opts: IntegratorOpts) => {
      if (mode !== undefined && mode.toLowerCase() !== 'auto') {
        program.error(`unknown integrator mode "${mode}" (expected AUTO)`);
      }
      // Loaded only when the command runs: the scheduler, queue and mailer are not every command's start-up.
      const { auto, resume, serveScheduler, settings, withBoot } = await import('./integrator-modes.js');
      if (opts.resume !== undefined) return withBoot((b) => resume(b, opts.resume ?? ''));
      if (
        opts.setSmtpUrl !== undefined ||
        opts.setSmtpFrom !== undefined ||
        opts.clearSmtp ||
        opts.setPauseAfter !== undefined ||
        opts.testMail !== undefined ||
        opts.settings
      ) {
        return withBoot((b) => settings(b, opts));
      }
      if (opts.auto || mode !== undefined) return auto(opts.json === true);
      return serveScheduler();
    });
}
