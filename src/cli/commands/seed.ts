// `tributary seed --demo`: fills the database with realistic demo data through the core use cases.
// Reference data (statuses, priorities, ticket types…) needs no command: the migrations insert it.
import type { Command } from 'commander';
import { invalidInput } from '../../core/errors.js';
import { seedDemo } from '../../core/demo/seed-demo.js';
import { printJson, withCliContext } from '../cli-context.js';

export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('Add demo data (customers, sites, users, agents, teams, tickets, actions, assets, licences)')
    .option('--demo', 'create the demo data set')
    .option('--force', 'add another demo batch even if demo data already exists')
    .option('--seed <n>', 'seed for the deterministic generator', '20261121')
    .option('--customers <n>', 'number of demo customers', '50')
    .option('--json', 'print the counts as JSON')
    .action(
      async (opts: { demo?: boolean; force?: boolean; seed: string; customers: string; json?: boolean }) => {
        if (!opts.demo)
          throw invalidInput('Nothing to seed: pass --demo (reference data is created by the migrations)', [
            { field: '--demo', message: 'is required' },
          ]);
        const seed = Number(opts.seed);
        const customers = Number(opts.customers);
        if (!Number.isInteger(seed))
          throw invalidInput('--seed must be an integer', [
            { field: '--seed', message: 'must be an integer' },
          ]);
        if (!Number.isInteger(customers) || customers < 1 || customers > 10_000)
          throw invalidInput('--customers must be 1..10000', [
            { field: '--customers', message: 'must be an integer from 1 to 10000' },
          ]);
        await withCliContext(async (ctx) => {
          const counts = await seedDemo(ctx, { force: opts.force === true, seed, customers });
          if (opts.json) return printJson(counts);
          process.stdout.write('Demo data created:\n');
          for (const [k, v] of Object.entries(counts)) process.stdout.write(`  ${k.padEnd(14)} ${v}\n`);
        });
      },
    );
}
