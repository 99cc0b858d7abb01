// The `tributary` command line. Each command lives in its own file under commands/ and is registered here.
import '../runtime/heap-tuning.js';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/env.js';
import { isAppError } from '../core/errors.js';
import { registerIntegrator } from './commands/integrator.js';
import { registerApps } from './commands/apps.js';
import { registerDemo } from './commands/demo.js';
import { registerAgents } from './commands/agents.js';
import { registerMigrate } from './commands/migrate.js';
import { registerServe } from './commands/serve.js';
import { registerSeed } from './commands/seed.js';
import { registerInstances } from './commands/instances.js';
import { registerMappings } from './commands/mappings.js';
import { registerSync } from './commands/sync.js';
import { registerRuns } from './commands/runs.js';
import { registerKeys } from './commands/keys.js';
import { registerUserRoles } from './commands/user-roles.js';

export function buildProgram(): Command {
  const program = new Command();
  program.name('tributary').description('Open integration hub for PSA systems').version('0.1.0');
  program.showHelpAfterError();
  registerServe(program);
  registerMigrate(program);
  registerIntegrator(program);
  registerApps(program);
  registerAgents(program);
  registerDemo(program);
  registerSeed(program);
  registerInstances(program);
  registerMappings(program);
  registerSync(program);
  registerRuns(program);
  registerKeys(program);
  registerUserRoles(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    if (isAppError(e)) {
      console.error(`Error (${e.code}): ${e.message}`);
      for (const d of e.details) console.error(`  ${d.field}: ${d.message}`);
      process.exit(e.kind === 'input' || e.kind === 'not_found' ? 2 : 1);
    }
    throw e;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(process.argv);
}
