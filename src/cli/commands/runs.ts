// `tributary runs …`: run history of an instance, one run's detail, and approve/reject a run the deletion
// guard stopped.
import type { Command } from 'commander';
import { decideRun } from '../../integrations/framework/runs/approve-run.js';
import { getRun, listRuns } from '../../integrations/framework/runs/list-runs.js';
import { printJson, printTable } from '../cli-context.js';
import { idArg, withIntegrationCtx } from './integration-cli.js';

const sum = (counts: Record<string, Record<string, number> | null>, k: string) =>
  Object.values(counts).reduce((n, c) => n + (c?.[k] ?? 0), 0);

export function registerRuns(program: Command): void {
  const cmd = program.command('runs').description('Sync run history, details and approvals');

  cmd
    .command('list <instanceId>', { isDefault: true })
    .description('Run history of an instance (also: `runs <instanceId>`)')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: { limit: string; json?: boolean }) => {
      await withIntegrationCtx(async (ctx) => {
        const runs = await listRuns(ctx, idArg(id, 'instanceId'), { limit: idArg(o.limit, '--limit') });
        if (o.json) return printJson(runs);
        printTable(
          runs.map((r) => ({
            id: r.id,
            trigger: r.trigger,
            dry_run: r.dryRun,
            status: r.status,
            started: r.startedAt,
            finished: r.finishedAt,
            created: sum(r.counts, 'created'),
            updated: sum(r.counts, 'updated'),
            inactivated: sum(r.counts, 'inactivated'),
            failed: sum(r.counts, 'failed'),
            error: r.error?.code ?? null,
          })),
          [
            'id',
            'trigger',
            'dry_run',
            'status',
            'started',
            'finished',
            'created',
            'updated',
            'inactivated',
            'failed',
            'error',
          ],
        );
      });
    });

  cmd
    .command('show <runId>')
    .description('One run: counts, modes, errors, pending sweep')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: { json?: boolean }) => {
      await withIntegrationCtx(async (ctx) => {
        const r = await getRun(ctx, idArg(id, 'runId'));
        if (o.json) return printJson(r);
        process.stdout.write(`Run ${r.id} (${r.trigger}${r.dryRun ? ', dry run' : ''}): ${r.status}\n`);
        printTable(
          Object.entries(r.counts).map(([entity, c]) => ({
            entity,
            mode: r.modes[entity]?.mode ?? null,
            ...c,
          })),
          ['entity', 'mode', 'created', 'updated', 'unchanged', 'inactivated', 'skipped', 'failed'],
        );
        if (r.error) process.stdout.write(`Error ${r.error.code}: ${r.error.message ?? ''}\n`);
        for (const e of r.recordErrors)
          process.stdout.write(
            `  ${e.entity} ${e.externalId ?? ''} ${e.name ?? ''}: ${e.code} ${e.message}\n`,
          );
        if (r.pendingSweep) {
          process.stdout.write(`Waiting for approval: ${Object.values(r.pendingSweep.reasons).join('; ')}\n`);
          for (const c of r.pendingSweep.candidates)
            process.stdout.write(`  would inactivate ${c.entity} "${c.name ?? c.externalId}"\n`);
        }
      });
    });

  for (const [name, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    cmd
      .command(`${name} <runId>`)
      .description(`${name === 'approve' ? 'Apply' : 'Drop'} the sweep of a run waiting for approval`)
      .option('--json', 'machine-readable output')
      .action(async (id: string, o: { json?: boolean }) => {
        await withIntegrationCtx(async (ctx) => {
          const d = await decideRun(ctx, idArg(id, 'runId'), decision);
          if (o.json) printJson(d);
          else
            process.stdout.write(
              `Run ${d.runId} ${d.decision}: ${d.inactivated} inactivated, ${d.skipped} skipped\n`,
            );
        });
      });
  }
}
