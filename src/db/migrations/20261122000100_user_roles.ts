// User roles (Halo's end-user roles: "Customer User", "Approver", …) and where directory sync assigns them:
// a site mapping may name one (Halo's LDAPString.userrole_id), and each end user holds the role its mapping
// gave it. Like the agent role and team on a mapping, the ids are checked when a mapping is saved, not by a
// foreign key (a column added to an existing table cannot get one on SQLite).
import type { Kysely } from 'kysely';
import { withId, withTimestamps } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withTimestamps(
    withId(db, db.schema.createTable('user_roles'))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text'),
  ).execute();
  await db.schema.alterTable('container_mappings').addColumn('user_role_id', 'integer').execute();
  await db.schema.alterTable('end_users').addColumn('user_role_id', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('end_users').dropColumn('user_role_id').execute();
  await db.schema.alterTable('container_mappings').dropColumn('user_role_id').execute();
  await db.schema.dropTable('user_roles').execute();
}
