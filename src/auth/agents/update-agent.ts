import { requireAdmin, isoNow, type Ctx } from '../../core/context.js';
import { invalidInput, notFound } from '../../core/errors.js';
import { withTx } from '../../db/transaction.js';
import { loadAgentViews, type AgentView } from './agent-view.js';
import { assertLoginFree, setRoles, setTeams } from './create-agent.js';
import { normaliseLogin } from './find-agent.js';

export interface UpdateAgentInput {
  name?: string;
  login?: string | null;
  email?: string | null;
  firstname?: string | null;
  surname?: string | null;
  is_api_only?: boolean;
  inactive?: boolean;
  notify_sync_failures?: boolean;
  roles?: Array<number | string>;
  teams?: number[];
  default_team_id?: number | null;
}

/** Partial update: only the fields present change. Making an agent API-only removes its password and sessions. */
export async function updateAgent(ctx: Ctx, id: number, input: UpdateAgentInput): Promise<AgentView> {
  requireAdmin(ctx);
  await withTx(ctx.db, async (tx) => {
    const current = await tx
      .selectFrom('agents')
      .select(['id', 'login'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!current) throw notFound('Agent', id);
    if (ctx.actor.agentId === id && (input.inactive === true || input.is_api_only === true)) {
      throw invalidInput('You cannot deactivate yourself or make yourself API-only', [
        { field: input.inactive ? 'inactive' : 'is_api_only', message: 'not allowed on your own account' },
      ]);
    }
    const login =
      input.login === undefined ? undefined : input.login === null ? null : normaliseLogin(input.login);
    if (login) await assertLoginFree(tx, login, id);
    const patch = {
      ...(input.name !== undefined && { name: input.name }),
      ...(login !== undefined && { login }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.firstname !== undefined && { firstname: input.firstname }),
      ...(input.surname !== undefined && { surname: input.surname }),
      ...(input.is_api_only !== undefined && { is_api_only: input.is_api_only ? 1 : 0 }),
      ...(input.is_api_only === true && { password_hash: null }),
      ...(input.inactive !== undefined && { inactive: input.inactive ? 1 : 0 }),
      ...(input.notify_sync_failures !== undefined && {
        notify_sync_failures: input.notify_sync_failures ? 1 : 0,
      }),
      ...(input.default_team_id !== undefined && { default_team_id: input.default_team_id }),
      updated_at: isoNow(ctx),
    };
    await tx.updateTable('agents').set(patch).where('id', '=', id).execute();
    if (input.roles !== undefined) await setRoles(tx, id, input.roles);
    if (input.teams !== undefined) await setTeams(tx, id, input.teams);
    // Losing interactive login (API-only, inactive, or no login) ends console sessions at once.
    if (input.is_api_only === true || input.inactive === true || login === null) {
      await tx.deleteFrom('agent_sessions').where('agent_id', '=', id).execute();
    }
  });
  const [view] = await loadAgentViews(ctx.db, [id]);
  if (!view) throw notFound('Agent', id);
  return view;
}
