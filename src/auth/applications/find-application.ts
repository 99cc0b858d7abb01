import { notFound } from '../../core/errors.js';
import type { Db, Tx } from '../../db/transaction.js';

/** Finds an application by numeric id or by client id (the CLI accepts either). */
export async function findApplicationId(db: Db | Tx, ref: string | number): Promise<number> {
  const q = db.selectFrom('api_applications').select('id');
  if (typeof ref === 'number' || /^\d+$/.test(ref)) {
    const row = await q.where('id', '=', Number(ref)).executeTakeFirst();
    if (row) return row.id;
  }
  if (typeof ref === 'string') {
    const row = await q.where('client_id', '=', ref.trim()).executeTakeFirst();
    if (row) return row.id;
  }
  throw notFound('Application', String(ref));
}
