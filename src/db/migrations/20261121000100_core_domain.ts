// The PSA core: top levels, customers, sites, end users, agents, teams, roles, lookups, tickets, actions,
// assets, licences, and the generic link from any record to an external one.
import type { Kysely } from 'kysely';
import { boolColumn, withId, withTimestamps } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withTimestamps(
    withId(db, db.schema.createTable('top_levels'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('inactive', boolColumn, (c) => c.notNull().defaultTo(0)),
  ).execute();

  await withTimestamps(
    withId(db, db.schema.createTable('customers'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('toplevel_id', 'integer', (c) => c.references('top_levels.id'))
      .addColumn('inactive', boolColumn, (c) => c.notNull().defaultTo(0))
      .addColumn('is_vip', boolColumn, (c) => c.notNull().defaultTo(0))
      .addColumn('website', 'text')
      .addColumn('notes', 'text')
      .addColumn('main_site_id', 'integer'),
  ).execute();
  await db.schema.createIndex('customers_name_idx').on('customers').column('name').execute();
  await db.schema.createIndex('customers_toplevel_idx').on('customers').column('toplevel_id').execute();

  await withTimestamps(
    withId(db, db.schema.createTable('sites'))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('inactive', boolColumn, (c) => c.notNull().defaultTo(0))
      .addColumn('phone', 'text')
      .addColumn('timezone', 'text')
      .addColumn('notes', 'text')
      .addColumn('address_line1', 'text')
      .addColumn('address_line2', 'text')
      .addColumn('address_city', 'text')
      .addColumn('address_postcode', 'text')
      .addColumn('address_country', 'text'),
  ).execute();
  await db.schema.createIndex('sites_customer_idx').on('sites').columns(['customer_id', 'name']).execute();

  await withTimestamps(
    withId(db, db.schema.createTable('roles'))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text')
      /** JSON array of permission strings, e.g. ["customers:edit","tickets:read"]; "admin" grants everything. */
      .addColumn('permissions', 'text', (c) => c.notNull().defaultTo('[]')),
  ).execute();

  await withTimestamps(
    withId(db, db.schema.createTable('teams'))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('inactive', boolColumn, (c) => c.notNull().defaultTo(0))
      .addColumn('email', 'text'),
  ).execute();

  await withTimestamps(
    withId(db, db.schema.createTable('agents'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('firstname', 'text')
      .addColumn('surname', 'text')
      .addColumn('initials', 'text')
      .addColumn('email', 'text')
      .addColumn('jobtitle', 'text')
      .addColumn('phone', 'text')
      /** Login name for the console; unique among agents that have one. */
      .addColumn('login', 'text', (c) => c.unique())
      .addColumn('password_hash', 'text')
      .addColumn('is_api_only', boolColumn, (c) => c.notNull().defaultTo(0))
      .addColumn('inactive', boolColumn, (c) => c.notNull().defaultTo(0))
      .addColumn('default_team_id', 'integer', (c) => c.references('teams.id'))
      /** Opt-in: e-mail this agent when an integration run fails (and when it recovers). */
      .addColumn('notify_sync_failures', boolColumn, (c) => c.notNull().defaultTo(0)),
  ).execute();

  await db.schema
    .createTable('agent_roles')
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('role_id', 'integer', (c) => c.notNull().references('roles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('agent_roles_pk', ['agent_id', 'role_id'])
    .execute();

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'agent_id'])
    .execute();

  await withTimestamps(
    withId(db, db.schema.createTable('end_users'))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('firstname', 'text')
      .addColumn('surname', 'text')
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('mobile', 'text')
      .addColumn('title', 'text')
      .addColumn('department', 'text')
      .addColumn('office', 'text')
      .addColumn('manager', 'text')
      .addColumn('employee_id', 'text')
      /** Network login: UPN or sAMAccountName for directory users. */
      .addColumn('login', 'text')
      .addColumn('notes', 'text')
      .addColumn('inactive', boolColumn, (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('end_users_site_idx').on('end_users').column('site_id').execute();
  await db.schema
    .createIndex('end_users_customer_idx')
    .on('end_users')
    .columns(['customer_id', 'name'])
    .execute();
  await db.schema.createIndex('end_users_email_idx').on('end_users').column('email').execute();
  await db.schema.createIndex('end_users_login_idx').on('end_users').column('login').execute();

  // Lookups.
  await withTimestamps(
    withId(db, db.schema.createTable('slas'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('inactive', boolColumn, (c) => c.notNull().defaultTo(0)),
  ).execute();
  await withTimestamps(
    withId(db, db.schema.createTable('priorities'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sla_id', 'integer', (c) => c.references('slas.id'))
      .addColumn('response_hours', 'real')
      .addColumn('fix_hours', 'real')
      .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('colour', 'text')
      .addColumn('inactive', boolColumn, (c) => c.notNull().defaultTo(0)),
  ).execute();
  await withTimestamps(
    withId(db, db.schema.createTable('statuses'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('shortname', 'text')
      .addColumn('is_closed', boolColumn, (c) => c.notNull().defaultTo(0))
      .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('colour', 'text')
      .addColumn('inactive', boolColumn, (c) => c.notNull().defaultTo(0)),
  ).execute();
  await withTimestamps(
    withId(db, db.schema.createTable('ticket_types'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('default_sla_id', 'integer', (c) => c.references('slas.id'))
      .addColumn('default_priority_id', 'integer', (c) => c.references('priorities.id'))
      .addColumn('default_team_id', 'integer', (c) => c.references('teams.id'))
      .addColumn('initial_status_id', 'integer', (c) => c.references('statuses.id'))
      .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('inactive', boolColumn, (c) => c.notNull().defaultTo(0)),
  ).execute();
  await withTimestamps(
    withId(db, db.schema.createTable('categories'))
      /** Which of the four category lists (1..4) this value belongs to. */
      .addColumn('type_id', 'integer', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('inactive', boolColumn, (c) => c.notNull().defaultTo(0)),
  ).execute();
  await withTimestamps(
    withId(db, db.schema.createTable('lookups'))
      /** Halo's lookup list id: 11 = lookup types, and one id each for urgency, impact and the like. */
      .addColumn('lookupid', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('value_int', 'integer')
      .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('inactive', boolColumn, (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('lookups_list_idx').on('lookups').columns(['lookupid', 'sequence']).execute();
  await withTimestamps(
    withId(db, db.schema.createTable('outcomes'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('is_private', boolColumn, (c) => c.notNull().defaultTo(0))
      .addColumn('inactive', boolColumn, (c) => c.notNull().defaultTo(0)),
  ).execute();

  await withTimestamps(
    withId(db, db.schema.createTable('tickets'))
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('details', 'text')
      .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
      .addColumn('site_id', 'integer', (c) => c.references('sites.id'))
      .addColumn('user_id', 'integer', (c) => c.references('end_users.id'))
      .addColumn('agent_id', 'integer', (c) => c.references('agents.id'))
      .addColumn('team_id', 'integer', (c) => c.references('teams.id'))
      .addColumn('status_id', 'integer', (c) => c.notNull().references('statuses.id'))
      .addColumn('priority_id', 'integer', (c) => c.references('priorities.id'))
      .addColumn('sla_id', 'integer', (c) => c.references('slas.id'))
      .addColumn('tickettype_id', 'integer', (c) => c.notNull().references('ticket_types.id'))
      .addColumn('category_1', 'text')
      .addColumn('category_2', 'text')
      .addColumn('category_3', 'text')
      .addColumn('category_4', 'text')
      .addColumn('urgency', 'integer')
      .addColumn('impact', 'integer')
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      /** Who created it: an agent (API application's agent, console user, integration's API-only agent). */
      .addColumn('created_by_agent_id', 'integer', (c) => c.references('agents.id'))
      .addColumn('deleted', boolColumn, (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('tickets_customer_idx').on('tickets').columns(['customer_id', 'id']).execute();
  await db.schema.createIndex('tickets_user_idx').on('tickets').column('user_id').execute();
  await db.schema.createIndex('tickets_status_idx').on('tickets').column('status_id').execute();
  await db.schema.createIndex('tickets_agent_idx').on('tickets').column('agent_id').execute();

  await withTimestamps(
    withId(db, db.schema.createTable('ticket_actions'))
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('outcome_id', 'integer', (c) => c.notNull().references('outcomes.id'))
      .addColumn('note', 'text')
      .addColumn('agent_id', 'integer', (c) => c.references('agents.id'))
      .addColumn('hidden_from_user', boolColumn, (c) => c.notNull().defaultTo(0))
      .addColumn('important', boolColumn, (c) => c.notNull().defaultTo(0))
      .addColumn('time_taken_hours', 'real')
      .addColumn('new_status_id', 'integer', (c) => c.references('statuses.id')),
  ).execute();
  await db.schema
    .createIndex('ticket_actions_ticket_idx')
    .on('ticket_actions')
    .columns(['ticket_id', 'id'])
    .execute();

  await withTimestamps(
    withId(db, db.schema.createTable('asset_types'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('inactive', boolColumn, (c) => c.notNull().defaultTo(0)),
  ).execute();
  await withTimestamps(
    withId(db, db.schema.createTable('assets'))
      .addColumn('assettype_id', 'integer', (c) => c.notNull().references('asset_types.id'))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('site_id', 'integer', (c) => c.references('sites.id'))
      .addColumn('user_id', 'integer', (c) => c.references('end_users.id'))
      .addColumn('inventory_number', 'text')
      .addColumn('serial', 'text')
      .addColumn('notes', 'text')
      /** JSON array of {name, value} type-specific fields. */
      .addColumn('fields', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('inactive', boolColumn, (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('assets_customer_idx').on('assets').columns(['customer_id', 'id']).execute();

  await withTimestamps(
    withId(db, db.schema.createTable('licences'))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('site_id', 'integer', (c) => c.references('sites.id'))
      .addColumn('vendor', 'text')
      .addColumn('product_code', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      /** trial | term | usage | perpetual | subscription … as the vendor reports it. */
      .addColumn('type', 'text')
      .addColumn('quantity', 'integer')
      .addColumn('consumed', 'integer')
      .addColumn('start_date', 'text')
      .addColumn('end_date', 'text')
      /** active | expired | cancelled; a licence a vendor stops reporting becomes expired, never deleted. */
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('notes', 'text')
      .addColumn('inactive', boolColumn, (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema
    .createIndex('licences_customer_idx')
    .on('licences')
    .columns(['customer_id', 'id'])
    .execute();

  // A record here that came from (or is linked to) a record elsewhere: identity for the connectors.
  await withTimestamps(
    withId(db, db.schema.createTable('external_links'))
      .addColumn('instance_id', 'integer', (c) => c.notNull())
      /** customer | site | user | agent | licence | asset | ticket */
      .addColumn('record_type', 'text', (c) => c.notNull())
      .addColumn('record_id', 'integer', (c) => c.notNull())
      /** The source's immutable id: objectGUID, entryUUID, Sophos tenant id, … */
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('external_name', 'text')
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_run_id', 'integer')
      /** Hash of the last values written, so an unchanged record is recognised without reading it. */
      .addColumn('content_hash', 'text')
      .addUniqueConstraint('external_links_identity_uq', ['instance_id', 'record_type', 'external_id']),
  ).execute();
  await db.schema
    .createIndex('external_links_record_idx')
    .on('external_links')
    .columns(['record_type', 'record_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'external_links',
    'licences',
    'assets',
    'asset_types',
    'ticket_actions',
    'tickets',
    'outcomes',
    'lookups',
    'categories',
    'ticket_types',
    'statuses',
    'priorities',
    'slas',
    'end_users',
    'team_members',
    'agent_roles',
    'agents',
    'teams',
    'roles',
    'sites',
    'customers',
    'top_levels',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
