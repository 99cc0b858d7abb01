// `tributary demo`: a throw-away Tributary on a temporary SQLite database, wired to a fake Sophos Central on
// loopback (tenants with licences, 20 ms latency so progress is visible): an admin with a printed password,
// an API application, PSA customers matching a share of the tenants, a configured Sophos instance and
// generated mappings. It prints what to try next; Ctrl-C stops everything and removes the data directory.
import type { Command } from 'commander';
import { invalidInput } from '../../core/errors.js';

const int = (value: string, name: string, min: number, max: number): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw invalidInput(`${name} must be an integer from ${min} to ${max}`, [
      { field: name, message: `must be an integer from ${min} to ${max}` },
    ]);
  return n;
};

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Start a throw-away Tributary with a fake Sophos Central, ready to sync (Ctrl-C removes it)')
    .option('--port <port>', 'port for the server (0 = any free port)', '8080')
    .option('--tenants <n>', 'number of fake Sophos tenants', '200')
    .option('--keep', 'keep the temporary data directory on exit')
    .action(async (opts: { port: string; tenants: string; keep?: boolean }) => {
      const options = {
        port: int(opts.port, '--port', 0, 65535),
        tenants: int(opts.tenants, '--tenants', 1, 20_000),
        keep: opts.keep === true,
      };
      // The server, the fake Sophos and the setup load only when the demo runs.
      const { runDemo } = await import('./demo-session.js');
      await runDemo(options);
    });
}
