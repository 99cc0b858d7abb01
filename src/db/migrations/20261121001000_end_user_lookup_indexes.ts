// One index per lookup key instead of two. Every end-user index is written on every import: a first import of
// 100,000 directory users spent more time maintaining end_users' six indexes than anything else, and four of
// them keyed on e-mail or login, values that arrive in random order and dirty a random leaf page per row.
// What the lookups need is lower(email) and lower(login): adoption (integrations/framework/reconcile/writers/
// shared.ts) and Halo's advanced_search equality both spell the expression; the plain indexes served neither
// (every e-mail/login comparison is case-insensitive) and the per-customer ones served adoption only.
// Adoption still filters by customer, as a condition on the few rows the expression index finds.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX end_users_customer_lower_email_idx`.execute(db);
  await sql`DROP INDEX end_users_customer_lower_login_idx`.execute(db);
  await sql`DROP INDEX end_users_email_idx`.execute(db);
  await sql`DROP INDEX end_users_login_idx`.execute(db);
  await sql`CREATE INDEX end_users_lower_email_idx ON end_users (lower(email))`.execute(db);
  await sql`CREATE INDEX end_users_lower_login_idx ON end_users (lower(login))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX end_users_lower_login_idx`.execute(db);
  await sql`DROP INDEX end_users_lower_email_idx`.execute(db);
  await sql`CREATE INDEX end_users_email_idx ON end_users (email)`.execute(db);
  await sql`CREATE INDEX end_users_login_idx ON end_users (login)`.execute(db);
  await sql`CREATE INDEX end_users_customer_lower_email_idx ON end_users (customer_id, lower(email))`.execute(
    db,
  );
  await sql`CREATE INDEX end_users_customer_lower_login_idx ON end_users (customer_id, lower(login))`.execute(
    db,
  );
}
