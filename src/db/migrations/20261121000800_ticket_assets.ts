// Tickets name the assets they are about (Halo's ticket `assets: [{id}]`; the Datto RMM alert function opens
// a ticket per device alert with it). A link table, so a ticket can name several assets and an asset's tickets
// can be listed (`GET /api/Tickets?asset_id=`).
import { type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ticket_assets')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('asset_id', 'integer', (c) => c.notNull().references('assets.id'))
    .addPrimaryKeyConstraint('ticket_assets_pk', ['ticket_id', 'asset_id'])
    .execute();
  await db.schema
    .createIndex('ticket_assets_asset_idx')
    .on('ticket_assets')
    .columns(['asset_id', 'ticket_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ticket_assets').execute();
}
