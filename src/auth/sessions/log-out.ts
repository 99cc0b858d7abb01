import type { Db } from '../../db/transaction.js';
import { sha256Hex } from '../secrets.js';

/** Ends a console session. Unknown ids are fine: logging out twice is not an error. */
export async function logOut(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('agent_sessions').where('session_hash', '=', sha256Hex(sessionId)).execute();
}
