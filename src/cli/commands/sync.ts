// `tributary sync <instanceId>`: run an instance now (or preview it with --dry-run) through runInstance,
// with a progress bar on stderr when it is a terminal, and a summary table per entity.
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { EntityName } from '../../integrations/framework/contract.js';
import { runInstance, type RunOutcome } from '../../integrations/framework/runs/run-instance.js';
import { printJson, printTable } from '../cli-context.js';
import { csv, idArg, withIntegrationCtx } from './integration-cli.js';

function progressBar(): {
  update(p: { entity: EntityName; done: number; total?: number }): void;
  stop(): void;
} {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{entity} [{bar}] {value}/{total}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const total = p.total ?? Math.max(p.done, 1);
      if (!started) bar.start(total, p.done, { entity: p.entity });
      started = true;
      bar.setTotal(total);
      bar.update(p.done, { entity: p.entity });
    },
    stop: () => started && bar.stop(),
  };
}

export function printOutcome(o: RunOutcome): void {
  const rows = Object.entries(o.counts).map(([entity, c]) => ({ entity, ...c }));
  printTable(rows, ['entity', 'created', 'updated', 'unchanged', 'inactivated', 'skipped', 'failed']);
  process.stdout.write(
    `Run ${o.runId}: ${o.status}${o.error ? ` — ${o.error.code}: ${o.error.message}` : ''}\n`,
  );
  if (o.status === 'needs_approval')
    process.stdout.write(
      `The deletion guard stopped the sweep: review with \`tributary runs show ${o.runId}\`, then \`runs approve|reject ${o.runId}\`.\n`,
    );
  for (const p of o.preview ?? [])
    process.stdout.write(
      `  would ${p.action} ${p.entity} "${p.name}"${p.changes ? ` (${Object.keys(p.changes).join(', ')})` : ''}\n`,
    );
}

export function registerSync(program: Command): void {
  program
    .command('sync <instanceId>')
    .description('Run an instance now (the same run the integrator starts)')
    .option('--entities <list>', 'only these entities, e.g. customers,licences')
    .option('--dry-run', 'preview: list the changes without writing them')
    .option('--json', 'machine-readable output (the run outcome)')
    .action(async (id: string, o: { entities?: string; dryRun?: boolean; json?: boolean }) => {
      await withIntegrationCtx(async (_ctx, services) => {
        const abort = new AbortController();
        const stop = () => abort.abort(new Error('interrupted'));
        process.once('SIGINT', stop);
        const bar = progressBar();
        const entities = csv(o.entities) as EntityName[] | undefined;
        const outcome = await runInstance(services, {
          instanceId: idArg(id, 'instanceId'),
          trigger: 'manual',
          dryRun: o.dryRun === true,
          signal: abort.signal,
          onProgress: (p) => bar.update(p),
          ...(entities ? { entities } : {}),
        });
        bar.stop();
        process.off('SIGINT', stop);
        // Failure / recovery / pause notices, as for scheduled runs (the integrator's code loads only now).
        const { afterManualRun } = await import('../../integrator/manual-runs.js');
        await afterManualRun(services)(idArg(id, 'instanceId'), outcome, o.dryRun === true);
        if (o.json) printJson(outcome);
        else printOutcome(outcome);
        if (outcome.status === 'failed' || outcome.status === 'skipped_already_running') process.exitCode = 1;
      });
    });
}
