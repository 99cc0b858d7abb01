// One ticket by id. Deleted tickets are gone as far as the API is concerned (404).
import { requireAccess, type Ctx } from '../context.js';
import { notFound } from '../errors.js';
import type { Db, Tx } from '../../db/transaction.js';
import { presentTicket, type TicketWire } from './presenter.js';
import { ticketSelect } from './query.js';

/** Reads and presents a ticket without a permission check (for use cases that already checked). */
export async function getTicketIn(db: Db | Tx, id: number): Promise<TicketWire> {
  const row = await ticketSelect(db).where('t.id', '=', id).where('t.deleted', '=', 0).executeTakeFirst();
  if (!row) throw notFound('Ticket', id);
  return presentTicket(row);
}

export async function getTicket(ctx: Ctx, id: number): Promise<TicketWire> {
  requireAccess(ctx, 'tickets', 'read');
  return getTicketIn(ctx.db, id);
}
