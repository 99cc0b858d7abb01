// Halo numbers actions per ticket, so clients address "the first action of ticket T" as {id: 1, ticket_id: T}
// (Datto RMM's alert script does). Ids here are global; given a ticket_id, an id that is not one of that
// ticket's actions is read as the ticket's Nth action (oldest first).
import type { Db, Tx } from '../../db/transaction.js';
import { notFound } from '../errors.js';

export async function resolveActionId(
  db: Db | Tx,
  id: number,
  ticketId: number | undefined,
): Promise<number> {
  if (ticketId === undefined) return id;
  const own = await db
    .selectFrom('ticket_actions')
    .select('id')
    .where('id', '=', id)
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
  if (own) return own.id;
  const nth = await db
    .selectFrom('ticket_actions')
    .select('id')
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .limit(1)
    .offset(Math.max(0, id - 1))
    .executeTakeFirst();
  if (!nth) throw notFound('Action', id);
  return nth.id;
}
