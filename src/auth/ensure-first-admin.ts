// First start: when no agent has a password yet, create the `admin` agent with the Administrator role, using
// TRIBUTARY_ADMIN_PASSWORD or else a generated one-time password that the caller shows once. If an agent
// called `admin` already exists (e.g. synced from a directory), it gets the password and the role.
import type { Db } from '../db/transaction.js';
import { transact } from '../db/transaction.js';
import { hashSecret } from './password-hash.js';
import { assertPasswordAcceptable } from './password-policy.js';
import { randomSecret } from './secrets.js';

export const FIRST_ADMIN_LOGIN = 'admin';

export type FirstAdminResult =
  | { created: false }
  | { created: true; agentId: number; login: string; source: 'env' }
  /** The generated password: show it once on the terminal, never in a log. */
  | { created: true; agentId: number; login: string; source: 'generated'; password: string };

export async function ensureFirstAdmin(
  db: Db,
  options: { adminPassword?: string | undefined; now?: Date } = {},
): Promise<FirstAdminResult> {
  if (await anyPassword(db)) return { created: false };
  const generated = options.adminPassword === undefined;
  const password = options.adminPassword ?? randomSecret(18);
  assertPasswordAcceptable(password, 'TRIBUTARY_ADMIN_PASSWORD');
  const hash = await hashSecret(password);
  const now = (options.now ?? new Date()).toISOString();
  try {
    const agentId = await transact(db, async (tx) => {
      if (await anyPassword(tx)) return null;
      const role = await tx
        .selectFrom('roles')
        .select('id')
        .where('name', '=', 'Administrator')
        .executeTakeFirstOrThrow();
      const existing = await tx
        .selectFrom('agents')
        .select('id')
        .where('login', '=', FIRST_ADMIN_LOGIN)
        .executeTakeFirst();
      let id: number;
      if (existing) {
        id = existing.id;
        await tx
          .updateTable('agents')
          .set({ password_hash: hash, is_api_only: 0, inactive: 0, updated_at: now })
          .where('id', '=', id)
          .execute();
      } else {
        const row = await tx
          .insertInto('agents')
          .values({
            name: 'Administrator',
            login: FIRST_ADMIN_LOGIN,
            password_hash: hash,
            firstname: null,
            surname: null,
            initials: null,
            email: null,
            jobtitle: null,
            phone: null,
            default_team_id: null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
      }
      const hasRole = await tx
        .selectFrom('agent_roles')
        .select('agent_id')
        .where('agent_id', '=', id)
        .where('role_id', '=', role.id)
        .executeTakeFirst();
      if (!hasRole) await tx.insertInto('agent_roles').values({ agent_id: id, role_id: role.id }).execute();
      return id;
    });
    if (agentId === null) return { created: false };
    return generated
      ? { created: true, agentId, login: FIRST_ADMIN_LOGIN, source: 'generated', password }
      : { created: true, agentId, login: FIRST_ADMIN_LOGIN, source: 'env' };
  } catch (e) {
    // Two processes starting together: the loser hits the unique login; the winner's admin stands.
    if (await anyPassword(db)) return { created: false };
    throw e;
  }
}

async function anyPassword(db: Db | Parameters<Parameters<typeof transact>[1]>[0]): Promise<boolean> {
  return (
    (await db
      .selectFrom('agents')
      .select('id')
      .where('password_hash', 'is not', null)
      .limit(1)
      .executeTakeFirst()) !== undefined
  );
}

/** The terminal notice for a generated password: written straight to stdout, never through the logger. */
export function firstAdminNotice(
  result: Extract<FirstAdminResult, { source: 'generated' }>,
  consoleUrl?: string,
): string {
  const line = '='.repeat(72);
  return [
    '',
    line,
    '  Tributary: first start. An administrator account was created.',
    `    login:    ${result.login}`,
    `    password: ${result.password}`,
    '  This password is shown only now and is not stored anywhere readable.',
    `  Sign in${consoleUrl ? ` at ${consoleUrl}` : ''} and keep it safe, or set a new one with`,
    `    tributary agents reset-password ${result.login}`,
    line,
    '',
  ].join('\n');
}
