import { requireAdmin, isoNow, type Ctx } from '../../core/context.js';
import { conflict, invalidInput } from '../../core/errors.js';
import { withTx, type Tx } from '../../db/transaction.js';
import { hashSecret } from '../password-hash.js';
import { assertPasswordAcceptable } from '../password-policy.js';
import { resolveRoleIds } from '../roles/resolve-roles.js';
import { loadAgentViews, type AgentView } from './agent-view.js';
import { normaliseLogin } from './find-agent.js';

export interface CreateAgentInput {
  name: string;
  login?: string | null;
  password?: string | null;
  email?: string | null;
  firstname?: string | null;
  surname?: string | null;
  is_api_only?: boolean;
  notify_sync_failures?: boolean;
  /** Role ids, or role names (the CLI passes names). */
  roles?: Array<number | string>;
  teams?: number[];
  default_team_id?: number | null;
}

export async function createAgent(ctx: Ctx, input: CreateAgentInput): Promise<AgentView> {
  requireAdmin(ctx);
  const apiOnly = input.is_api_only ?? false;
  if (apiOnly && input.password) {
    throw invalidInput('API-only agents cannot have a password: they never log in interactively', [
      { field: 'password', message: 'not allowed for an API-only agent' },
    ]);
  }
  if (input.password && !input.login)
    throw invalidInput('A login is required to set a password', [
      { field: 'login', message: 'is required with a password' },
    ]);
  if (input.password) assertPasswordAcceptable(input.password);
  // Hash before the transaction: scrypt is slow and must not hold a write lock.
  const passwordHash = input.password ? await hashSecret(input.password) : null;
  const login = input.login ? normaliseLogin(input.login) : null;
  const now = isoNow(ctx);
  const id = await withTx(ctx.db, async (tx) => {
    if (login) await assertLoginFree(tx, login);
    const row = await tx
      .insertInto('agents')
      .values({
        name: input.name,
        login,
        password_hash: passwordHash,
        email: input.email ?? null,
        firstname: input.firstname ?? null,
        surname: input.surname ?? null,
        initials: null,
        jobtitle: null,
        phone: null,
        is_api_only: apiOnly ? 1 : 0,
        notify_sync_failures: input.notify_sync_failures ? 1 : 0,
        default_team_id: input.default_team_id ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setRoles(tx, row.id, input.roles ?? []);
    await setTeams(tx, row.id, input.teams ?? []);
    return row.id;
  });
  const [view] = await loadAgentViews(ctx.db, [id]);
  if (!view) throw new Error(`agent ${id} vanished after insert`);
  return view;
}

export async function assertLoginFree(tx: Tx, login: string, exceptId?: number): Promise<void> {
  let q = tx.selectFrom('agents').select('id').where('login', '=', login);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst())
    throw conflict(`The login ${login} is already used`, [{ field: 'login', message: 'is already used' }]);
}

export async function setRoles(tx: Tx, agentId: number, refs: ReadonlyArray<number | string>): Promise<void> {
  const roleIds = await resolveRoleIds(tx, refs);
  await tx.deleteFrom('agent_roles').where('agent_id', '=', agentId).execute();
  if (roleIds.length)
    await tx
      .insertInto('agent_roles')
      .values(roleIds.map((role_id) => ({ agent_id: agentId, role_id })))
      .execute();
}

export async function setTeams(tx: Tx, agentId: number, teamIds: readonly number[]): Promise<void> {
  const unique = [...new Set(teamIds)];
  if (unique.length) {
    const found = await tx.selectFrom('teams').select('id').where('id', 'in', unique).execute();
    const missing = unique.find((t) => !found.some((f) => f.id === t));
    if (missing !== undefined)
      throw invalidInput(`Unknown team ${missing}`, [
        { field: `teams[${unique.indexOf(missing)}]`, message: `no team ${missing}` },
      ]);
  }
  await tx.deleteFrom('team_members').where('agent_id', '=', agentId).execute();
  if (unique.length)
    await tx
      .insertInto('team_members')
      .values(unique.map((team_id) => ({ agent_id: agentId, team_id })))
      .execute();
}
