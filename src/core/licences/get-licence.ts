// One licence by id (deactivated ones too).
import { requireAccess, type Ctx } from '../context.js';
import { notFound } from '../errors.js';
import type { Db, Tx } from '../../db/transaction.js';
import { presentLicence, type LicenceWire } from './presenter.js';
import { licenceSelect } from './query.js';

export async function getLicenceIn(db: Db | Tx, id: number): Promise<LicenceWire> {
  const row = await licenceSelect(db).where('l.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Software licence', id);
  return presentLicence(row);
}

export async function getLicence(ctx: Ctx, id: number): Promise<LicenceWire> {
  requireAccess(ctx, 'softwarelicensing', 'read');
  return getLicenceIn(ctx.db, id);
}
