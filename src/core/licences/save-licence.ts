// Creates and updates licences (subscriptions). A licence belongs to a customer (given, or implied by its
// site). upsertLicence is what vendor connectors (Sophos, CSP) call: it reports created / updated /
// unchanged so a sync run's counts are exact, and writes nothing when nothing changed.
import type { Insertable } from 'kysely';
import { requireAccess, type Ctx } from '../context.js';
import { invalidInput, notFound } from '../errors.js';
import { withTx, type Tx } from '../../db/transaction.js';
import type { LicenceTable } from '../../db/schema.js';
import { mergeParties, resolveParties } from '../tickets/parties.js';
import { cleanText } from '../tickets/create-ticket.js';
import type { UpsertOutcome } from '../assets/input.js';
import { getLicenceIn } from './get-licence.js';
import { LICENCE_STATUSES, type LicenceInput } from './input.js';
import type { LicenceWire } from './presenter.js';

const bad = (field: string, message: string) => invalidInput(`${field}: ${message}`, [{ field, message }]);

type LicenceColumns = Omit<Insertable<LicenceTable>, 'id' | 'created_at' | 'updated_at'>;

function dateOrNull(field: string, v: string | null): string | null {
  const t = cleanText(v);
  if (t === null) return null;
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) throw bad(field, 'must be an ISO-8601 date');
  return d.toISOString();
}

function seats(field: string, v: number | null): number | null {
  if (v === null) return null;
  if (!Number.isInteger(v) || v < 0) throw bad(field, 'must be a whole number ≥ 0');
  return v;
}

function scalarColumns(input: LicenceInput): Partial<LicenceColumns> {
  const out: Partial<LicenceColumns> = {};
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (!name) throw bad('name', 'must not be empty');
    out.name = name;
  }
  if (input.type !== undefined) out.type = cleanText(input.type);
  if (input.count !== undefined) out.quantity = seats('count', input.count);
  if (input.licences_in_use !== undefined) out.consumed = seats('licences_in_use', input.licences_in_use);
  if (input.start_date !== undefined) out.start_date = dateOrNull('start_date', input.start_date);
  if (input.end_date !== undefined) out.end_date = dateOrNull('end_date', input.end_date);
  if (input.vendor !== undefined) out.vendor = cleanText(input.vendor);
  if (input.product_sku !== undefined) out.product_code = cleanText(input.product_sku);
  if (input.status !== undefined) {
    const status = input.status.trim().toLowerCase();
    if (!(LICENCE_STATUSES as readonly string[]).includes(status))
      throw bad('status', `must be one of ${LICENCE_STATUSES.join(', ')}`);
    out.status = status;
  }
  if (input.notes !== undefined) out.notes = input.notes;
  if (input.inactive !== undefined) out.inactive = input.inactive ? 1 : 0;
  return out;
}

async function createIn(ctx: Ctx, tx: Tx, input: LicenceInput): Promise<number> {
  if (input.name === undefined) throw bad('name', 'is required');
  const parties = await resolveParties(tx, { client_id: input.client_id, site_id: input.site_id });
  if (parties.customer_id === null) throw bad('client_id', 'is required (or a site_id that implies it)');
  const now = ctx.now().toISOString();
  const values = { ...scalarColumns(input), name: input.name.trim() };
  const { id } = await tx
    .insertInto('licences')
    .values({
      ...values,
      customer_id: parties.customer_id,
      site_id: parties.site_id,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

async function updateIn(ctx: Ctx, tx: Tx, id: number, input: LicenceInput): Promise<boolean> {
  const existing = await tx.selectFrom('licences').selectAll().where('id', '=', id).executeTakeFirst();
  if (!existing) throw notFound('Software licence', id);
  const next: Partial<LicenceColumns> = scalarColumns(input);
  if (input.client_id !== undefined || input.site_id !== undefined) {
    const p = await mergeParties(
      tx,
      { ...existing, user_id: null },
      { client_id: input.client_id, site_id: input.site_id },
    );
    if (p.customer_id === null) throw bad('client_id', 'a licence must belong to a client');
    Object.assign(next, { customer_id: p.customer_id, site_id: p.site_id });
  }
  const changed = Object.entries(next).some(([k, v]) => existing[k as keyof typeof existing] !== v);
  if (!changed) return false;
  await tx
    .updateTable('licences')
    .set({ ...next, updated_at: ctx.now().toISOString() })
    .where('id', '=', id)
    .execute();
  return true;
}

export async function createLicence(ctx: Ctx, input: LicenceInput): Promise<LicenceWire> {
  requireAccess(ctx, 'softwarelicensing', 'edit');
  return withTx(ctx.db, async (tx) => getLicenceIn(tx, await createIn(ctx, tx, input)));
}

export async function updateLicence(ctx: Ctx, id: number, input: LicenceInput): Promise<LicenceWire> {
  requireAccess(ctx, 'softwarelicensing', 'edit');
  return withTx(ctx.db, async (tx) => {
    await updateIn(ctx, tx, id, input);
    return getLicenceIn(tx, id);
  });
}

/** Creates (id undefined) or updates a licence and says which happened. For connectors' reconcilers. */
export async function upsertLicence(
  ctx: Ctx,
  id: number | undefined,
  input: LicenceInput,
): Promise<{ licence: LicenceWire; outcome: UpsertOutcome }> {
  requireAccess(ctx, 'softwarelicensing', 'edit');
  return withTx(ctx.db, async (tx) => {
    if (id === undefined)
      return { licence: await getLicenceIn(tx, await createIn(ctx, tx, input)), outcome: 'created' as const };
    const changed = await updateIn(ctx, tx, id, input);
    return {
      licence: await getLicenceIn(tx, id),
      outcome: changed ? ('updated' as const) : ('unchanged' as const),
    };
  });
}

/** Halo's DELETE: the licence is deactivated (kept, with its history and links). */
export async function deleteLicence(ctx: Ctx, id: number): Promise<LicenceWire> {
  return updateLicence(ctx, id, { inactive: true });
}
