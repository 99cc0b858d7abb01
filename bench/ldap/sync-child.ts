// One sync of one instance in its own process, so the peak RSS (VmHWM) measured is the sync's alone.
// Spawned by bench/ldap/run.ts: node --import tsx bench/ldap/sync-child.ts <sqlite-file> <instance-id>
// with BENCH_MASTER_KEY (base64) in the environment. Prints one JSON line with the outcome.
import fs from 'node:fs';
// As every tributary process (the CLI and the server import it first): see src/runtime/heap-tuning.ts.
import '../../src/runtime/heap-tuning.js';
import { openDatabase } from '../../src/db/database.js';
import { runInstance } from '../../src/integrations/framework/index.js';
import { testServices } from '../../src/integrations/framework/testing.js';

const [file, instanceArg] = process.argv.slice(2);
if (!file || !instanceArg) throw new Error('usage: sync-child.ts <sqlite-file> <instance-id>');
const handle = openDatabase({ sqliteFile: file });
const services = testServices(handle, {
  masterKey: Buffer.from(process.env.BENCH_MASTER_KEY ?? '', 'base64'),
});
if (instanceArg === '0') {
  // Baseline: the same process with every module loaded and the database open, but no sync.
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  process.stdout.write(`${JSON.stringify({ peakRssKb: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) })}\n`);
  process.exit(0);
}
const t0 = performance.now();
const outcome = await runInstance(services, {
  instanceId: Number(instanceArg),
  trigger: 'manual',
  entities: ['users'],
});
const seconds = (performance.now() - t0) / 1000;
const run = await handle.db
  .selectFrom('integration_runs')
  .select(['modes_json'])
  .where('id', '=', outcome.runId)
  .executeTakeFirstOrThrow();
const status = fs.readFileSync('/proc/self/status', 'utf8');
const peakRssKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
await handle.close();
process.stdout.write(
  `${JSON.stringify({ outcome, seconds, peakRssKb, modes: JSON.parse(run.modes_json ?? 'null') as unknown })}\n`,
);
