// `tributary user-roles …`: the roles of end users, which directory site mappings assign
// (`tributary mappings add <id> --external-id <dn> --site <id> --user-role <id>`).
import type { Command } from 'commander';
import {
  createUserRole,
  deleteUserRole,
  listUserRoles,
  updateUserRole,
} from '../../core/user-roles/user-roles.js';
import { printJson, printTable, withCliContext } from '../cli-context.js';
import { idArg } from './integration-cli.js';

export function registerUserRoles(program: Command): void {
  const cmd = program
    .command('user-roles')
    .description("End users' roles (assigned by directory site mappings)");

  cmd
    .command('list')
    .description('List user roles')
    .option('--json', 'machine output')
    .action(async (o: { json?: boolean }) => {
      await withCliContext(async (ctx) => {
        const roles = await listUserRoles(ctx);
        if (o.json) printJson(roles);
        else
          printTable(
            roles.map((r) => ({ ...r })),
            ['id', 'name', 'description'],
          );
      });
    });

  cmd
    .command('create')
    .description('Create a user role')
    .requiredOption('--name <name>', 'role name, e.g. "Customer User"')
    .option('--description <text>', 'what it is for')
    .option('--json', 'machine output')
    .action(async (o: { name: string; description?: string; json?: boolean }) => {
      await withCliContext(async (ctx) => {
        const role = await createUserRole(ctx, { name: o.name, description: o.description ?? null });
        if (o.json) printJson(role);
        else process.stdout.write(`Created user role ${role.id} (${role.name})\n`);
      });
    });

  cmd
    .command('update <id>')
    .description('Rename a user role or change its description')
    .requiredOption('--name <name>', 'the role name')
    .option('--description <text>', 'what it is for (omit to clear)')
    .option('--json', 'machine output')
    .action(async (id: string, o: { name: string; description?: string; json?: boolean }) => {
      await withCliContext(async (ctx) => {
        const role = await updateUserRole(ctx, idArg(id), {
          name: o.name,
          description: o.description ?? null,
        });
        if (o.json) printJson(role);
        else process.stdout.write(`Updated user role ${role.id} (${role.name})\n`);
      });
    });

  cmd
    .command('delete <id>')
    .description('Delete a user role (refused while a mapping gives it; its end users are left without one)')
    .option('--json', 'machine output')
    .action(async (id: string, o: { json?: boolean }) => {
      await withCliContext(async (ctx) => {
        const r = await deleteUserRole(ctx, idArg(id));
        if (o.json) printJson(r);
        else process.stdout.write(`Deleted user role ${r.deleted}; ${r.usersCleared} end users held it\n`);
      });
    });
}
