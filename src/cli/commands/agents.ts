// `tributary agents …`: agents (console users and API-only agents) from the command line.
import type { Command } from 'commander';
import { createAgent } from '../../auth/agents/create-agent.js';
import { findAgentRef } from '../../auth/agents/find-agent.js';
import { listAgents } from '../../auth/agents/list-agents.js';
import { setAgentPassword } from '../../auth/agents/set-agent-password.js';
import { listRoles } from '../../auth/roles/list-roles.js';
import { randomSecret } from '../../auth/secrets.js';
import { invalidInput } from '../../core/errors.js';
import { printJson, printTable, readStdinSecret, withCliContext } from '../cli-context.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerAgents(program: Command): void {
  const agents = program.command('agents').description('Manage agents (console users and API-only agents)');

  agents
    .command('create')
    .description(
      'Create an agent: a console user (--login, --password-stdin) or an API-only agent (--api-only)',
    )
    .requiredOption('--name <name>', 'display name')
    .option('--login <login>', 'console login name')
    .option('--password-stdin', 'read the password from standard input')
    .option('--api-only', 'an API-only agent: never signs in, cannot be assigned tickets')
    .option(
      '--role <role>',
      'role name or id (repeatable), e.g. Administrator or "API Integration"',
      collect,
      [] as string[],
    )
    .option('--email <email>', 'e-mail address')
    .option('--notify-sync-failures', 'e-mail this agent when an integration run fails')
    .option('--json', 'machine output')
    .action(
      async (opts: {
        name: string;
        login?: string;
        passwordStdin?: boolean;
        apiOnly?: boolean;
        role: string[];
        email?: string;
        notifySyncFailures?: boolean;
        json?: boolean;
      }) => {
        if (opts.apiOnly && opts.passwordStdin)
          throw invalidInput('--api-only agents cannot have a password', [
            { field: '--password-stdin', message: 'not allowed with --api-only' },
          ]);
        if (opts.passwordStdin && !opts.login)
          throw invalidInput('--password-stdin needs --login', [
            { field: '--login', message: 'is required with a password' },
          ]);
        const password = opts.passwordStdin ? await readStdinSecret() : undefined;
        await withCliContext(async (ctx) => {
          const agent = await createAgent(ctx, {
            name: opts.name,
            is_api_only: opts.apiOnly === true,
            roles: opts.role.map((r) => (/^\d+$/.test(r) ? Number(r) : r)),
            ...(opts.login !== undefined && { login: opts.login }),
            ...(password !== undefined && { password }),
            ...(opts.email !== undefined && { email: opts.email }),
            ...(opts.notifySyncFailures && { notify_sync_failures: true }),
          });
          if (opts.json) return printJson(agent);
          process.stdout.write(
            `Created agent ${agent.name} (id ${agent.id})${agent.login ? `, login ${agent.login}` : ''}${agent.is_api_only ? ', API-only' : ''}; roles: ${agent.roles.map((r) => r.name).join(', ') || '(none)'}\n`,
          );
        });
      },
    );

  agents
    .command('list')
    .description('List agents')
    .option('--json', 'machine output')
    .action(async (opts: { json?: boolean }) => {
      await withCliContext(async (ctx) => {
        const list = await listAgents(ctx);
        if (opts.json) return printJson(list);
        printTable(
          list.map((a) => ({
            id: a.id,
            name: a.name,
            login: a.login,
            type: a.is_api_only ? 'API-only' : 'agent',
            active: a.inactive ? 'no' : 'yes',
            password: a.has_password ? 'set' : '',
            roles: a.roles.map((r) => r.name).join(', '),
          })),
          ['id', 'name', 'login', 'type', 'active', 'password', 'roles'],
        );
      });
    });

  agents
    .command('reset-password')
    .argument('<agent>', 'login or id')
    .description(
      "Set a new password (generated and printed once, or read with --password-stdin); ends the agent's sessions",
    )
    .option('--password-stdin', 'read the new password from standard input')
    .option('--json', 'machine output')
    .action(async (ref: string, opts: { passwordStdin?: boolean; json?: boolean }) => {
      const given = opts.passwordStdin ? await readStdinSecret() : undefined;
      const password = given ?? randomSecret(18);
      await withCliContext(async (ctx) => {
        const agent = await findAgentRef(ctx.db, ref);
        await setAgentPassword(ctx, agent.id, password);
        if (opts.json)
          return printJson(given === undefined ? { login: agent.login, password } : { login: agent.login });
        if (given !== undefined) process.stdout.write(`Password changed for ${agent.login ?? agent.name}.\n`);
        else
          process.stdout.write(
            `New password for ${agent.login ?? agent.name}: ${password}\nIt is shown only this once.\n`,
          );
      });
    });

  agents
    .command('roles')
    .description('List roles and their permissions')
    .option('--json', 'machine output')
    .action(async (opts: { json?: boolean }) => {
      await withCliContext(async (ctx) => {
        const roles = await listRoles(ctx);
        if (opts.json) return printJson(roles);
        printTable(
          roles.map((r) => ({ id: r.id, name: r.name, permissions: r.permissions.join(' ') })),
          ['id', 'name', 'permissions'],
        );
      });
    });
}
