// `tributary instances …`: integration instances from the command line, through the same use cases as the
// console API. Secrets in the config file are encrypted at rest and never printed.
import type { Command } from 'commander';
import type { EntityName } from '../../integrations/framework/contract.js';
import { createInstance } from '../../integrations/framework/instances/create-instance.js';
import { checkInstance, discoverInstance } from '../../integrations/framework/instances/check-instance.js';
import { deleteInstance } from '../../integrations/framework/instances/delete-instance.js';
import {
  getInstance,
  listInstances,
  type InstanceView,
} from '../../integrations/framework/instances/list-instances.js';
import {
  setInstanceEnabled,
  updateInstance,
} from '../../integrations/framework/instances/update-instance.js';
import { printJson, printTable } from '../cli-context.js';
import { csv, idArg, readJsonArg, withIntegrationCtx } from './integration-cli.js';

const row = (i: InstanceView) => ({
  id: i.id,
  connector: i.connectorId,
  name: i.name,
  enabled: i.enabled,
  schedule: i.schedule,
  last_sync: i.status.lastSyncAt,
  last_error: i.status.lastError,
  failures: i.status.consecutiveFailures,
});
const COLUMNS = ['id', 'connector', 'name', 'enabled', 'schedule', 'last_sync', 'last_error', 'failures'];

interface SettingsOpts {
  schedule?: string;
  entities?: string;
  unmapped?: 'skip' | 'create_customer';
  toplevel?: string;
  json?: boolean;
}

function settings(o: SettingsOpts) {
  const entities = csv(o.entities) as EntityName[] | undefined;
  return {
    ...(o.schedule !== undefined ? { schedule: o.schedule } : {}),
    ...(entities ? { entities } : {}),
    ...(o.unmapped !== undefined ? { unmappedPolicy: o.unmapped } : {}),
    ...(o.toplevel !== undefined ? { createUnderToplevelId: idArg(o.toplevel, '--toplevel') } : {}),
  };
}

const withSettings = (c: Command) =>
  c
    .option('--schedule <cron>', 'cron schedule for the integrator')
    .option('--entities <list>', 'entities to sync, e.g. customers,licences')
    .option('--unmapped <policy>', 'unmapped containers: skip | create_customer')
    .option('--toplevel <id>', 'top level for created customers')
    .option('--json', 'machine-readable output');

export function registerInstances(program: Command): void {
  const cmd = program
    .command('instances')
    .description('Manage integration instances (one configured connection of a connector)');

  withSettings(
    cmd
      .command('create <connector>')
      .description('Create an instance')
      .requiredOption('--name <name>', 'instance name')
      .requiredOption('--config <file>', 'JSON config file, or - for stdin'),
  ).action(async (connector: string, o: SettingsOpts & { name: string; config: string }) => {
    const config = await readJsonArg(o.config, '--config');
    await withIntegrationCtx(async (ctx) => {
      const i = await createInstance(ctx, { connectorId: connector, name: o.name, config, ...settings(o) });
      const view = await getInstance(ctx, i.id);
      if (o.json) printJson(view);
      else
        process.stdout.write(
          `Created instance ${view.id} (${view.connectorId} "${view.name}"), API agent ${view.apiAgentId}\n`,
        );
    });
  });

  withSettings(
    cmd
      .command('update <id>')
      .description('Update settings and/or config (omitted secrets are kept)')
      .option('--name <name>', 'rename')
      .option('--config <file>', 'JSON config (partial), or - for stdin'),
  ).action(async (id: string, o: SettingsOpts & { name?: string; config?: string }) => {
    const config = o.config ? await readJsonArg(o.config, '--config') : undefined;
    await withIntegrationCtx(async (ctx) => {
      await updateInstance(ctx, idArg(id), {
        ...settings(o),
        ...(o.name ? { name: o.name } : {}),
        ...(config ? { config } : {}),
      });
      const view = await getInstance(ctx, idArg(id));
      if (o.json) printJson(view);
      else printTable([row(view)], COLUMNS);
    });
  });

  cmd
    .command('list')
    .description('List instances with Last Sync / Last Error')
    .option('--connector <id>', 'only this connector')
    .option('--json', 'machine-readable output')
    .action(async (o: { connector?: string; json?: boolean }) => {
      await withIntegrationCtx(async (ctx) => {
        const all = await listInstances(ctx, o.connector ? { connectorId: o.connector } : {});
        if (o.json) printJson(all);
        else printTable(all.map(row), COLUMNS);
      });
    });

  cmd
    .command('show <id>')
    .description('Show one instance (secrets masked)')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: { json?: boolean }) => {
      await withIntegrationCtx(async (ctx) => {
        const v = await getInstance(ctx, idArg(id));
        if (o.json) printJson(v);
        else process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
      });
    });

  cmd
    .command('check <id>')
    .description('Test the connection')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: { json?: boolean }) => {
      await withIntegrationCtx(async (ctx) => {
        const r = await checkInstance(ctx, idArg(id));
        if (o.json) printJson(r);
        else process.stdout.write(r.ok ? `OK: ${r.message}\n` : `FAILED (${r.kind}): ${r.message}\n`);
        if (!r.ok) process.exitCode = 1;
      });
    });

  cmd
    .command('discover <id>')
    .description(
      'List the source containers as a tree (an OU under its parent), with the people directly in each',
    )
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: { json?: boolean }) => {
      await withIntegrationCtx(async (ctx) => {
        const r = await discoverInstance(ctx, idArg(id));
        if (o.json) printJson(r);
        else
          printTable(
            r.containers.map((c) => ({
              container: `${'  '.repeat(c.depth)}${c.name}`,
              kind: c.kind,
              people: c.recordCount ?? null,
              external_id: c.externalId,
            })),
            ['container', 'kind', 'people', 'external_id'],
          );
      });
    });

  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    cmd
      .command(`${name} <id>`)
      .description(`${enabled ? 'Enable (and resume, if paused)' : 'Disable'} scheduled runs`)
      .option('--json', 'machine-readable output')
      .action(async (id: string, o: { json?: boolean }) => {
        await withIntegrationCtx(async (ctx) => {
          const pausedBefore = (await getInstance(ctx, idArg(id))).status.pausedReason;
          const i = await setInstanceEnabled(ctx, idArg(id), enabled);
          if (o.json) printJson(await getInstance(ctx, i.id));
          else if (enabled && pausedBefore !== null)
            process.stdout.write(
              `Instance ${i.id} enabled and resumed (it was paused: ${pausedBefore}); the failure count is reset\n`,
            );
          else process.stdout.write(`Instance ${i.id} ${enabled ? 'enabled' : 'disabled'}\n`);
        });
      });
  }

  cmd
    .command('delete <id>')
    .description('Delete an instance (imported records stay)')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: { json?: boolean }) => {
      await withIntegrationCtx(async (ctx) => {
        await deleteInstance(ctx, idArg(id));
        if (o.json) printJson({ deleted: idArg(id) });
        else process.stdout.write(`Deleted instance ${id}\n`);
      });
    });
}
