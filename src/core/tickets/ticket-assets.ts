// The assets a ticket is about (Halo's ticket `assets: [{id}]`). Setting them replaces the ticket's set; every
// asset must exist and, when the ticket has a client, belong to that client (an alert for one customer's
// device must not land on another's ticket). Runs in the caller's transaction (the POST batch).
import { requireAccess, type Ctx } from '../context.js';
import { invalidInput } from '../errors.js';
import type { Db, Tx } from '../../db/transaction.js';

export interface TicketAssetWire {
  id: number;
  inventory_number: string | null;
  assettype_id: number;
  client_id: number;
}

async function read(db: Db | Tx, ticketIds: readonly number[]): Promise<Map<number, TicketAssetWire[]>> {
  const out = new Map<number, TicketAssetWire[]>(ticketIds.map((id) => [id, []]));
  if (ticketIds.length === 0) return out;
  const rows = await db
    .selectFrom('ticket_assets as ta')
    .innerJoin('assets as a', 'a.id', 'ta.asset_id')
    .select(['ta.ticket_id', 'a.id', 'a.inventory_number', 'a.assettype_id', 'a.customer_id'])
    .where('ta.ticket_id', 'in', [...ticketIds])
    .orderBy('ta.ticket_id')
    .orderBy('a.id')
    .execute();
  for (const r of rows) {
    out.get(r.ticket_id)?.push({
      id: r.id,
      inventory_number: r.inventory_number,
      assettype_id: r.assettype_id,
      client_id: r.customer_id,
    });
  }
  return out;
}

/** The assets of one ticket, ordered by id. */
export async function ticketAssets(ctx: Ctx, ticketId: number): Promise<TicketAssetWire[]> {
  requireAccess(ctx, 'tickets', 'read');
  return (await read(ctx.db, [ticketId])).get(ticketId) ?? [];
}

/** Ids of the (not deleted or deleted alike) tickets that name this asset; the ticket list filters on them. */
export async function ticketIdsForAsset(ctx: Ctx, assetId: number): Promise<number[]> {
  requireAccess(ctx, 'tickets', 'read');
  const rows = await ctx.db
    .selectFrom('ticket_assets')
    .select('ticket_id')
    .where('asset_id', '=', assetId)
    .execute();
  return rows.map((r) => r.ticket_id);
}

/** Replaces the ticket's assets with `assetIds` (duplicates ignored); errors name `assets[i].id`. */
export async function setTicketAssets(
  ctx: Ctx,
  ticket: { id: number; client_id: number | null },
  assetIds: readonly number[],
): Promise<TicketAssetWire[]> {
  requireAccess(ctx, 'tickets', 'edit');
  const wanted = [...new Set(assetIds)];
  if (wanted.length > 0) {
    const found = await ctx.db
      .selectFrom('assets')
      .select(['id', 'customer_id'])
      .where('id', 'in', wanted)
      .execute();
    const byId = new Map(found.map((a) => [a.id, a]));
    for (const [i, id] of assetIds.entries()) {
      const a = byId.get(id);
      const field = `assets[${i}].id`;
      if (!a)
        throw invalidInput(`${field}: no asset with id ${id}`, [
          { field, message: `no asset with id ${id}` },
        ]);
      if (ticket.client_id !== null && a.customer_id !== ticket.client_id) {
        const message = `asset ${id} belongs to another client`;
        throw invalidInput(`${field}: ${message}`, [{ field, message }]);
      }
    }
  }
  await ctx.db.deleteFrom('ticket_assets').where('ticket_id', '=', ticket.id).execute();
  if (wanted.length > 0) {
    await ctx.db
      .insertInto('ticket_assets')
      .values(wanted.map((asset_id) => ({ ticket_id: ticket.id, asset_id })))
      .execute();
  }
  return (await read(ctx.db, [ticket.id])).get(ticket.id) ?? [];
}
