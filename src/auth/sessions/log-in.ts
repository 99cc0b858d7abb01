// Console sign-in with a login and password: creates a session whose id is returned once (for the cookie)
// and stored only as a SHA-256 hash.
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/transaction.js';
import { withTx } from '../../db/transaction.js';
import { normaliseLogin } from '../agents/find-agent.js';
import { verifyAgainstDummy, verifySecret } from '../password-hash.js';
import { randomSecret, sha256Hex } from '../secrets.js';
import { SESSION_TTL_SECONDS } from './session-settings.js';

export interface LoggedIn {
  sessionId: string;
  expiresAt: Date;
  agentId: number;
}

/** Wrong login or password: one error for both, so logins cannot be enumerated. Counted for rate limiting. */
export const badLogin = () => new AppError('INVALID_CREDENTIALS', 'auth', 'Wrong login or password');

export async function logIn(
  db: Db,
  input: { login: string; password: string },
  now: Date,
): Promise<LoggedIn> {
  const agent = await db
    .selectFrom('agents')
    .select(['id', 'password_hash', 'is_api_only', 'inactive'])
    .where('login', '=', normaliseLogin(input.login))
    .executeTakeFirst();
  // Unknown login or no password: spend the same time as a real check before failing.
  if (!agent?.password_hash) {
    await verifyAgainstDummy(input.password);
    throw badLogin();
  }
  if (!(await verifySecret(input.password, agent.password_hash))) throw badLogin();
  // The password was right, so saying why sign-in is refused leaks nothing.
  if (agent.is_api_only === 1)
    throw new AppError('LOGIN_NOT_ALLOWED', 'forbidden', 'API-only agents cannot sign in to the console');
  if (agent.inactive === 1) throw new AppError('LOGIN_NOT_ALLOWED', 'forbidden', 'This agent is inactive');

  const sessionId = randomSecret(32);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
  await withTx(db, async (tx) => {
    await tx
      .deleteFrom('agent_sessions')
      .where('agent_id', '=', agent.id)
      .where('expires_at', '<=', now.toISOString())
      .execute();
    await tx
      .insertInto('agent_sessions')
      .values({
        agent_id: agent.id,
        session_hash: sha256Hex(sessionId),
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .execute();
  });
  return { sessionId, expiresAt, agentId: agent.id };
}
