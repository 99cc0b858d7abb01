// One asset by id (inactive ones too: deactivation is how assets are "deleted").
import { requireAccess, type Ctx } from '../context.js';
import { notFound } from '../errors.js';
import type { Db, Tx } from '../../db/transaction.js';
import { presentAsset, type AssetWire } from './presenter.js';
import { assetSelect } from './query.js';

export async function getAssetIn(db: Db | Tx, id: number): Promise<AssetWire> {
  const row = await assetSelect(db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Asset', id);
  return presentAsset(row);
}

export async function getAsset(ctx: Ctx, id: number): Promise<AssetWire> {
  requireAccess(ctx, 'assets', 'read');
  return getAssetIn(ctx.db, id);
}
