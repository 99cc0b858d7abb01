// `tributary mappings …`: generate (exact names; ambiguous names go to the review list), list, add, remove.
import type { Command } from 'commander';
import { invalidInput } from '../../core/errors.js';
import { generateMappings } from '../../integrations/framework/mappings/generate-mappings.js';
import {
  addMapping,
  listMappingsWithPeople,
  removeMapping,
  type MappingInput,
  type MappingWithPeople,
} from '../../integrations/framework/mappings/edit-mappings.js';
import type { MappingView } from '../../integrations/framework/mappings/mapping.js';
import { printJson, printTable } from '../cli-context.js';
import { idArg, withIntegrationCtx } from './integration-cli.js';

const row = (m: MappingView) => ({
  id: m.id,
  external_id: m.externalId,
  name: m.externalName,
  status: m.status,
  target: m.targetKind,
  customer: m.customerId,
  site: m.siteId,
  role: m.roleId,
  team: m.teamId,
  user_role: m.userRoleId,
  // An OU's sub-OUs count only with --recursive, and a filter narrows who is read: both change who is synced.
  recursive: m.recursive ? 'yes' : null,
  filter: m.filter,
  source: m.source,
  candidates: m.candidates.join(',') || null,
});

/** A listed mapping's row: beside the mapping, the people it holds now ("12 (+3 inactive)"). */
const listRow = (m: MappingWithPeople) => ({
  ...row(m),
  people: m.people && `${m.people.active}${m.people.inactive ? ` (+${m.people.inactive} inactive)` : ''}`,
});

/** The table's columns (the list adds the people and the review candidates). */
const COLUMNS = [
  'id',
  'external_id',
  'name',
  'status',
  'target',
  'customer',
  'site',
  'role',
  'team',
  'user_role',
  'recursive',
  'filter',
  'source',
] as const;

interface AddOpts {
  externalId: string;
  name?: string;
  customer?: string;
  site?: string;
  agent?: boolean;
  role?: string;
  team?: string;
  userRole?: string;
  recursive?: boolean;
  filter?: string;
  json?: boolean;
}

function target(o: AddOpts): MappingInput['target'] {
  const chosen = [o.customer !== undefined, o.site !== undefined, o.agent === true].filter(Boolean).length;
  if (chosen !== 1)
    throw invalidInput('Give exactly one of --customer, --site or --agent', [
      { field: 'target', message: 'choose one of --customer, --site, --agent' },
    ]);
  if (o.userRole !== undefined && o.site === undefined)
    throw invalidInput('--user-role goes with --site (agents take --role)', [
      { field: 'target.userRoleId', message: 'only for a site target' },
    ]);
  if (o.customer !== undefined) return { kind: 'customer', customerId: idArg(o.customer, '--customer') };
  if (o.site !== undefined)
    return {
      kind: 'site',
      siteId: idArg(o.site, '--site'),
      userRoleId: o.userRole !== undefined ? idArg(o.userRole, '--user-role') : null,
    };
  return {
    kind: 'agent',
    roleId: o.role ? idArg(o.role, '--role') : null,
    teamId: o.team ? idArg(o.team, '--team') : null,
  };
}

export function registerMappings(program: Command): void {
  const cmd = program
    .command('mappings')
    .description('Container mappings of an instance (tenant/OU/group → customer, site or agents)');

  cmd
    .command('generate <instanceId>')
    .description('Map containers to customers/sites with exactly the same name')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: { json?: boolean }) => {
      await withIntegrationCtx(async (ctx) => {
        const r = await generateMappings(ctx, idArg(id, 'instanceId'));
        if (o.json) printJson(r);
        else
          process.stdout.write(
            `mapped ${r.mapped}, ambiguous (review list) ${r.ambiguous}, unmatched ${r.unmatched}, already mapped ${r.alreadyMapped}\n`,
          );
      });
    });

  cmd
    .command('list <instanceId>')
    .description('List mappings (--status ambiguous for the review list)')
    .option('--status <status>', 'mapped | ambiguous | unmatched')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: { status?: MappingView['status']; json?: boolean }) => {
      await withIntegrationCtx(async (ctx) => {
        const all = await listMappingsWithPeople(
          ctx,
          idArg(id, 'instanceId'),
          o.status ? { status: o.status } : {},
        );
        if (o.json) printJson(all);
        else printTable(all.map(listRow), [...COLUMNS, 'people', 'candidates']);
      });
    });

  cmd
    .command('add <instanceId>')
    .description('Map a container by hand')
    .requiredOption('--external-id <id>', 'the container id at the source')
    .option('--name <name>', 'container name for display')
    .option('--customer <id>', 'map to a customer')
    .option('--site <id>', 'map to a site')
    .option('--agent', 'people in it become agents')
    .option('--user-role <id>', 'with --site: the user role its people get')
    .option('--role <id>', 'agent role')
    .option('--team <id>', 'agent team')
    .option('--recursive', 'include sub-containers')
    .option('--filter <filter>', 'extra source-side filter')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: AddOpts) => {
      await withIntegrationCtx(async (ctx) => {
        const m = await addMapping(ctx, idArg(id, 'instanceId'), {
          externalId: o.externalId,
          target: target(o),
          recursive: o.recursive === true,
          filter: o.filter ?? null,
          ...(o.name ? { externalName: o.name } : {}),
        });
        if (o.json) printJson(m);
        else printTable([row(m)], COLUMNS);
      });
    });

  cmd
    .command('remove <mappingId>')
    .description('Remove a mapping')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: { json?: boolean }) => {
      await withIntegrationCtx(async (ctx) => {
        await removeMapping(ctx, idArg(id, 'mappingId'));
        if (o.json) printJson({ removed: idArg(id, 'mappingId') });
        else process.stdout.write(`Removed mapping ${id}\n`);
      });
    });
}
