// Authentication: API applications (client credentials or API key), their bearer tokens, console sessions,
// and the two built-in roles. Secrets are stored only as hashes.
import { sql, type Kysely } from 'kysely';
import { boolColumn, withId } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('api_applications'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('active', boolColumn, (c) => c.notNull().defaultTo(1))
    /** client_credentials | api_key */
    .addColumn('auth_method', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('client_secret_hash', 'text')
    .addColumn('api_key_hash', 'text', (c) => c.unique())
    .addColumn('login_agent_id', 'integer', (c) => c.notNull().references('agents.id'))
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('secret_created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_agent_id', 'integer', (c) => c.references('agents.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('api_tokens'))
    .addColumn('application_id', 'integer', (c) =>
      c.notNull().references('api_applications.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('api_tokens_application_idx')
    .on('api_tokens')
    .columns(['application_id', 'expires_at'])
    .execute();

  await withId(db, db.schema.createTable('agent_sessions'))
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('session_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agent_sessions_agent_idx').on('agent_sessions').column('agent_id').execute();

  // Built-in roles. "API Integration" suits the API-only agent an integration or the integrator logs in as:
  // it may write the PSA records integrations sync, and read agents and teams, but not change configuration.
  const now = new Date().toISOString();
  const builtIn = [
    {
      name: 'Administrator',
      description: 'Everything, including configuration, applications and agents',
      permissions: ['admin'],
    },
    {
      name: 'API Integration',
      description:
        'For API-only agents used by integrations: edit tickets, customers, assets and licences; read agents and teams',
      permissions: [
        'tickets:edit',
        'customers:edit',
        'assets:edit',
        'softwarelicensing:edit',
        'agents:read',
        'teams:read',
      ],
    },
  ];
  for (const role of builtIn) {
    await sql`INSERT INTO roles (name, description, permissions, created_at, updated_at)
      SELECT ${role.name}, ${role.description}, ${JSON.stringify(role.permissions)}, ${now}, ${now}
      WHERE NOT EXISTS (SELECT 1 FROM roles WHERE name = ${role.name})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['agent_sessions', 'api_tokens', 'api_applications'])
    await db.schema.dropTable(t).ifExists().execute();
}
