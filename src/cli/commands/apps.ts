// `tributary apps …`: API applications from the command line, through the same use cases as the console API.
import type { Command } from 'commander';
import { createApplication } from '../../auth/applications/create-application.js';
import { findApplicationId } from '../../auth/applications/find-application.js';
import { listApplications } from '../../auth/applications/list-applications.js';
import { regenerateApplicationSecret } from '../../auth/applications/regenerate-application-secret.js';
import { revokeApplicationTokens } from '../../auth/applications/revoke-application-tokens.js';
import { updateApplication } from '../../auth/applications/update-application.js';
import type { IssuedCredential } from '../../auth/applications/application-view.js';
import { findAgentRef } from '../../auth/agents/find-agent.js';
import { printJson, printTable, withCliContext } from '../cli-context.js';

function printIssued(issued: IssuedCredential, json: boolean, what: string): void {
  if (json) {
    printJson(
      issued.api_key !== undefined
        ? { client_id: issued.client_id, api_key: issued.api_key }
        : { client_id: issued.client_id, client_secret: issued.client_secret },
    );
    return;
  }
  const a = issued.application;
  process.stdout.write(
    [
      `${what}: ${a.name} (id ${a.id}), logs in as ${a.login_agent_name}, scopes: ${a.scopes.join(' ')}`,
      `  client_id:     ${issued.client_id}`,
      issued.api_key !== undefined
        ? `  api_key:       ${issued.api_key}`
        : `  client_secret: ${issued.client_secret ?? ''}`,
      '',
      issued.api_key !== undefined
        ? 'Store the API key now: it is shown only this once. Send it as the X-Halo-Api-Key header.'
        : 'Store the secret now: it is shown only this once. Token endpoint: <server>/auth/token (client_credentials).',
      '',
    ].join('\n'),
  );
}

export function registerApps(program: Command): void {
  const apps = program
    .command('apps')
    .description('Manage API applications (HaloPSA-compatible client credentials)');

  apps
    .command('create')
    .description('Create an application; prints the client id and secret once')
    .requiredOption('--name <name>', 'application name')
    .requiredOption(
      '--agent <login|id>',
      'the agent the application logs in as (an API-only agent is recommended)',
    )
    .option('--scopes <scopes>', 'space-separated Halo scopes', 'all')
    .option('--description <text>', 'what the application is for')
    .option('--api-key', 'use a static API key (X-Halo-Api-Key) instead of client credentials')
    .option('--json', 'machine output: {"client_id": …, "client_secret": …}')
    .action(
      async (opts: {
        name: string;
        agent: string;
        scopes: string;
        description?: string;
        apiKey?: boolean;
        json?: boolean;
      }) => {
        await withCliContext(async (ctx) => {
          const agent = await findAgentRef(ctx.db, opts.agent);
          const issued = await createApplication(ctx, {
            name: opts.name,
            login_agent_id: agent.id,
            scopes: opts.scopes,
            auth_method: opts.apiKey ? 'api_key' : 'client_credentials',
            ...(opts.description !== undefined && { description: opts.description }),
          });
          printIssued(issued, opts.json === true, 'Created application');
        });
      },
    );

  apps
    .command('list')
    .description('List applications (secrets are never shown)')
    .option('--json', 'machine output')
    .action(async (opts: { json?: boolean }) => {
      await withCliContext(async (ctx) => {
        const list = await listApplications(ctx);
        if (opts.json) return printJson(list);
        printTable(
          list.map((a) => ({
            id: a.id,
            name: a.name,
            client_id: a.client_id,
            method: a.auth_method,
            active: a.active ? 'yes' : 'no',
            agent: a.login_agent_name,
            scopes: a.scopes.join(' '),
            tokens: a.active_tokens,
          })),
          ['id', 'name', 'client_id', 'method', 'active', 'agent', 'scopes', 'tokens'],
        );
      });
    });

  apps
    .command('regenerate')
    .argument('<app>', 'application id or client id')
    .description('Replace the secret (printed once); the old secret and all its tokens stop working')
    .option('--json', 'machine output: {"client_id": …, "client_secret": …}')
    .action(async (ref: string, opts: { json?: boolean }) => {
      await withCliContext(async (ctx) => {
        const issued = await regenerateApplicationSecret(ctx, await findApplicationId(ctx.db, ref));
        printIssued(issued, opts.json === true, 'New secret for');
      });
    });

  apps
    .command('revoke-tokens')
    .argument('<app>', 'application id or client id')
    .description('Revoke every access token of the application')
    .option('--json', 'machine output')
    .action(async (ref: string, opts: { json?: boolean }) => {
      await withCliContext(async (ctx) => {
        const result = await revokeApplicationTokens(ctx, await findApplicationId(ctx.db, ref));
        if (opts.json) printJson(result);
        else process.stdout.write(`Revoked ${result.revoked} token(s).\n`);
      });
    });

  for (const [name, active] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    apps
      .command(name)
      .argument('<app>', 'application id or client id')
      .description(
        active
          ? 'Allow the application to get tokens again'
          : 'Stop the application: no new tokens, existing tokens refused',
      )
      .action(async (ref: string) => {
        await withCliContext(async (ctx) => {
          const app = await updateApplication(ctx, await findApplicationId(ctx.db, ref), { active });
          process.stdout.write(`${app.name} (id ${app.id}) is now ${active ? 'enabled' : 'disabled'}.\n`);
        });
      });
  }
}
