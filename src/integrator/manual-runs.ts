// Runs an admin starts by hand (the console's and admin API's "Run now", `tributary sync`) go through the
// same after-run hook as scheduled and AUTO runs: a failure counts toward the failing → paused state and
// mails the opted-in agents once per change of state; a success after failures sends the recovery mail.
// A manual run is never retried, so its failure is final at once. Previews (dry runs) change nothing.
import type { Services } from '../services.js';
import { buildAfterRun, mailerFromSettings } from './integrator.js';
import type { Mailer } from './notify/mailer.js';
import type { RunOutcome } from './runner-port.js';
import { loadIntegratorSettings } from './settings.js';

export type ManualRunHook = (instanceId: number, outcome: RunOutcome, dryRun: boolean) => Promise<void>;

/** The after-run hook for manual runs (never throws: bookkeeping errors are logged). */
export function afterManualRun(
  services: Services,
  mailer: () => Promise<Mailer | undefined> = mailerFromSettings(services),
): ManualRunHook {
  return async (instanceId, outcome, dryRun) => {
    try {
      const hook = buildAfterRun(services, loadIntegratorSettings(process.env), mailer);
      await hook({ instanceId, outcome, willRetry: false, dryRun });
    } catch (e) {
      services.log.error({ err: e, instanceId }, 'integrator: after-run bookkeeping of a manual run failed');
    }
  };
}
