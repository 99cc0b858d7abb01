// `tributary keys rotate`: re-wrap every stored secret under a new master key (see src/crypto/rotate.ts
// for the procedure with a key file or with TRIBUTARY_MASTER_KEY).
import type { Command } from 'commander';
import { rotateMasterKey } from '../../crypto/rotate.js';
import { printJson } from '../cli-context.js';
import { withIntegrationCtx } from './integration-cli.js';

export function registerKeys(program: Command): void {
  const cmd = program.command('keys').description('Master key for secrets at rest');
  cmd
    .command('rotate')
    .description(
      'Re-encrypt all secrets under a new master key (key file) or the first key of TRIBUTARY_MASTER_KEY',
    )
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      await withIntegrationCtx(async (_ctx, services) => {
        const r = await rotateMasterKey(services.db, {
          masterKey: services.config.masterKey,
          dataDir: services.config.dataDir,
        });
        if (o.json) return printJson(r);
        process.stdout.write(
          `Re-encrypted ${r.rewrapped} secret(s) (${r.instances} instance(s), ${r.stores.integrator_settings ?? 0} integrator setting(s)) under key ${r.keyId}.\n`,
        );
        if (services.config.masterKey && r.retiredKeyIds.length)
          process.stdout.write(
            `Now set TRIBUTARY_MASTER_KEY to the new key only (retire: ${r.retiredKeyIds.join(', ')}).\n`,
          );
      });
    });
}
