// One action by id (tickets read access covers actions).
import { requireAccess, type Ctx } from '../context.js';
import { notFound } from '../errors.js';
import type { Db, Tx } from '../../db/transaction.js';
import { presentAction, type ActionWire } from './presenter.js';
import { actionSelect } from './query.js';
import { resolveActionId } from './resolve-action-id.js';

export async function getActionIn(db: Db | Tx, id: number): Promise<ActionWire> {
  const row = await actionSelect(db).where('x.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Action', id);
  return presentAction(row);
}

/** `ticketId` (Halo's ?ticket_id=) lets `id` be the ticket's Nth action, as Halo numbers them. */
export async function getAction(ctx: Ctx, id: number, ticketId?: number): Promise<ActionWire> {
  requireAccess(ctx, 'tickets', 'read');
  return getActionIn(ctx.db, await resolveActionId(ctx.db, id, ticketId));
}
