// The "Logged" outcome: Halo opens every ticket with a first action (the ticket's action 1) recording that it
// was logged, and Datto RMM's alert flow edits that action (`POST /Actions [{id: 1, ticket_id, …}]`).
// Inserted only when no outcome of that name exists yet (an admin may have created one through /api/Outcome),
// with the serial id on both dialects (the reference data migration moved PostgreSQL's sequence past its ids).
import { sql, type Kysely } from 'kysely';

export const LOGGED_OUTCOME = 'Logged';

export async function up(db: Kysely<unknown>): Promise<void> {
  const now = new Date().toISOString();
  await sql`
    INSERT INTO outcomes (name, is_private, inactive, created_at, updated_at)
    SELECT ${LOGGED_OUTCOME}, 0, 0, ${now}, ${now}
    WHERE NOT EXISTS (SELECT 1 FROM outcomes WHERE LOWER(name) = LOWER(${LOGGED_OUTCOME}))
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Fails (by foreign key) while actions still use it, like the reference data migration's down.
  await sql`DELETE FROM outcomes WHERE name = ${LOGGED_OUTCOME}`.execute(db);
}
