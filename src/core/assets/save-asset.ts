// Creates and updates assets. An asset always belongs to a customer (given, or implied by its site or
// user) and has a type. upsertAsset is the entry point for integrations: it reports whether anything
// actually changed, so a sync run can count created / updated / unchanged exactly.
import type { Insertable } from 'kysely';
import { requireAccess, type Ctx } from '../context.js';
import { invalidInput, notFound } from '../errors.js';
import { withTx, type Tx } from '../../db/transaction.js';
import type { AssetTable } from '../../db/schema.js';
import { referenceData } from '../lookups/reference-cache.js';
import { mergeParties, resolveParties } from '../tickets/parties.js';
import { cleanText } from '../tickets/create-ticket.js';
import { getAssetIn } from './get-asset.js';
import type { AssetInput, UpsertOutcome } from './input.js';
import type { AssetWire } from './presenter.js';

const bad = (field: string, message: string) => invalidInput(`${field}: ${message}`, [{ field, message }]);

type AssetColumns = Omit<Insertable<AssetTable>, 'id' | 'created_at' | 'updated_at'>;

async function checkType(tx: Tx, id: number): Promise<number> {
  const type = (await referenceData(tx, { assetTypes: [id] })).assetTypes.get(id);
  if (!type) throw bad('assettype_id', `no asset type with id ${id}`);
  return type.id;
}

function scalarColumns(input: AssetInput): Partial<AssetColumns> {
  const out: Partial<AssetColumns> = {};
  if (input.inventory_number !== undefined) out.inventory_number = cleanText(input.inventory_number);
  if (input.serial !== undefined) out.serial = cleanText(input.serial);
  if (input.notes !== undefined) out.notes = input.notes;
  if (input.inactive !== undefined) out.inactive = input.inactive ? 1 : 0;
  if (input.fields !== undefined)
    out.fields = JSON.stringify(input.fields.map((f) => ({ name: f.name, value: f.value })));
  return out;
}

async function createIn(ctx: Ctx, tx: Tx, input: AssetInput): Promise<number> {
  if (input.assettype_id === undefined) throw bad('assettype_id', 'is required');
  const assettype_id = await checkType(tx, input.assettype_id);
  const parties = await resolveParties(tx, input);
  if (parties.customer_id === null)
    throw bad('client_id', 'is required (or a site_id or user_id that implies it)');
  const now = ctx.now().toISOString();
  const { id } = await tx
    .insertInto('assets')
    .values({
      ...scalarColumns(input),
      assettype_id,
      customer_id: parties.customer_id,
      site_id: parties.site_id,
      user_id: parties.user_id,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Applies the given fields; returns whether any stored value changed (nothing is written if not). */
async function updateIn(ctx: Ctx, tx: Tx, id: number, input: AssetInput): Promise<boolean> {
  const existing = await tx.selectFrom('assets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!existing) throw notFound('Asset', id);
  const next: Partial<AssetColumns> = scalarColumns(input);
  if (input.assettype_id !== undefined) next.assettype_id = await checkType(tx, input.assettype_id);
  if (input.client_id !== undefined || input.site_id !== undefined || input.user_id !== undefined) {
    const p = await mergeParties(tx, existing, input);
    if (p.customer_id === null) throw bad('client_id', 'an asset must belong to a client');
    Object.assign(next, { customer_id: p.customer_id, site_id: p.site_id, user_id: p.user_id });
  }
  const changed = Object.entries(next).some(([k, v]) => existing[k as keyof typeof existing] !== v);
  if (!changed) return false;
  await tx
    .updateTable('assets')
    .set({ ...next, updated_at: ctx.now().toISOString() })
    .where('id', '=', id)
    .execute();
  return true;
}

export async function createAsset(ctx: Ctx, input: AssetInput): Promise<AssetWire> {
  requireAccess(ctx, 'assets', 'edit');
  return withTx(ctx.db, async (tx) => getAssetIn(tx, await createIn(ctx, tx, input)));
}

export async function updateAsset(ctx: Ctx, id: number, input: AssetInput): Promise<AssetWire> {
  requireAccess(ctx, 'assets', 'edit');
  return withTx(ctx.db, async (tx) => {
    await updateIn(ctx, tx, id, input);
    return getAssetIn(tx, id);
  });
}

/** Creates (id undefined) or updates an asset and says which happened. For connectors' reconcilers. */
export async function upsertAsset(
  ctx: Ctx,
  id: number | undefined,
  input: AssetInput,
): Promise<{ asset: AssetWire; outcome: UpsertOutcome }> {
  requireAccess(ctx, 'assets', 'edit');
  return withTx(ctx.db, async (tx) => {
    if (id === undefined)
      return { asset: await getAssetIn(tx, await createIn(ctx, tx, input)), outcome: 'created' as const };
    const changed = await updateIn(ctx, tx, id, input);
    return {
      asset: await getAssetIn(tx, id),
      outcome: changed ? ('updated' as const) : ('unchanged' as const),
    };
  });
}

/** Halo's DELETE: the asset is deactivated (kept, with its history and links). */
export async function deleteAsset(ctx: Ctx, id: number): Promise<AssetWire> {
  return updateAsset(ctx, id, { inactive: true });
}
