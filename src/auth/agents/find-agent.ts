import type { Db, Tx } from '../../db/transaction.js';
import { notFound } from '../../core/errors.js';

export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}

/** Finds an agent by numeric id or by login (as the CLI accepts either); 404 when there is none. */
export async function findAgentRef(db: Db | Tx, ref: string | number): Promise<{ id: number; name: string; login: string | null }> {
  const q = db.selectFrom('agents').select(['id', 'name', 'login']);
  const asId = typeof ref === 'number' ? ref : /^\d+$/.test(ref) ? Number(ref) : undefined;
  const byLogin = typeof ref === 'string' ? await q.where('login', '=', normaliseLogin(ref)).executeTakeFirst() : undefined;
  if (byLogin) return byLogin;
  if (asId !== undefined) {
    const byId = await q.where('id', '=', asId).executeTakeFirst();
    if (byId) return byId;
  }
  throw notFound('Agent', String(ref));
}
