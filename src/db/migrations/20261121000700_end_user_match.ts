// Indexes for adopting an existing end user by e-mail or login (integrations/framework/reconcile/writers/
// shared.ts adoptExisting: `customer_id = ? AND lower(email|login) = ?`). Without them every unlinked directory
// person scanned all of the customer's end users: a first import of 100,000 users was quadratic.
// Expression indexes work the same on SQLite (3.9+) and PostgreSQL; the planner uses them when the query
// spells the same expression, lower("email").
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX end_users_customer_lower_email_idx ON end_users (customer_id, lower(email))`.execute(
    db,
  );
  await sql`CREATE INDEX end_users_customer_lower_login_idx ON end_users (customer_id, lower(login))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX end_users_customer_lower_login_idx`.execute(db);
  await sql`DROP INDEX end_users_customer_lower_email_idx`.execute(db);
}
