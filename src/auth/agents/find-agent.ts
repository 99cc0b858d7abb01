import type { Db, Tx } from '../../db/transaction.js';
import { AppError } from '../../core/errors.js';

export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}

/**
 * Finds an agent by login, numeric id, or (for API-only agents, which have no login) exact name, as the CLI
 * accepts any of them; 404 when there is none, 400 when a name is ambiguous.
 */
export async function findAgentRef(
  db: Db | Tx,
  ref: string | number,
): Promise<{ id: number; name: string; login: string | null }> {
  const q = db.selectFrom('agents').select(['id', 'name', 'login']);
  if (typeof ref === 'string') {
    const byLogin = await q.where('login', '=', normaliseLogin(ref)).executeTakeFirst();
    if (byLogin) return byLogin;
  }
  const asId = typeof ref === 'number' ? ref : /^\d+$/.test(ref) ? Number(ref) : undefined;
  if (asId !== undefined) {
    const byId = await q.where('id', '=', asId).executeTakeFirst();
    if (byId) return byId;
  }
  if (typeof ref === 'string') {
    const byName = await q.where('name', '=', ref.trim()).limit(2).execute();
    if (byName.length === 1 && byName[0]) return byName[0];
    if (byName.length > 1) {
      throw new AppError('AMBIGUOUS_AGENT', 'input', `More than one agent is named ${ref}; use the id`, {
        details: [{ field: 'agent', message: 'ambiguous name' }],
      });
    }
  }
  throw new AppError('NOT_FOUND', 'not_found', `No agent with login, id or name ${String(ref)}`, {
    details: [{ field: 'agent', message: 'not found' }],
  });
}
