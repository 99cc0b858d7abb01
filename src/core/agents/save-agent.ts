// Creates or partially updates an agent's profile, default team and team memberships (agents:edit).
// Changing roles changes what the agent may do, so it needs admin; logins and passwords are managed in
// src/auth (console and CLI), never through the Halo API.
import { withTx, type Tx } from '../../db/transaction.js';
import { isoNow, requireAccess, requireAdmin, type Ctx } from '../context.js';
import { invalidInput } from '../errors.js';
import { definedOnly, optionalText, requireName, toFlag } from '../shared/values.js';
import { loadAgent, type Agent } from './agent.js';
import { replaceAgentTeams, resolveTeamRef } from './memberships.js';

export interface AgentFields {
  firstname?: string | null | undefined;
  surname?: string | null | undefined;
  initials?: string | null | undefined;
  email?: string | null | undefined;
  jobtitle?: string | null | undefined;
  phone?: string | null | undefined;
  inactive?: boolean | undefined;
  isApiOnly?: boolean | undefined;
  defaultTeamId?: number | null | undefined;
  defaultTeamName?: string | null | undefined;
  /** Replaces the agent's teams when given. */
  teamIds?: number[] | undefined;
  /** Replaces the agent's roles when given (admin only). */
  roleIds?: number[] | undefined;
}

async function replaceRoles(ctx: Ctx, tx: Tx, agentId: number, roleIds: readonly number[]): Promise<void> {
  requireAdmin(ctx);
  const unique = [...new Set(roleIds)];
  if (unique.length > 0) {
    const found = new Set(
      (await tx.selectFrom('roles').select('id').where('id', 'in', unique).execute()).map((r) => r.id),
    );
    const i = roleIds.findIndex((id) => !found.has(id));
    if (i >= 0)
      throw invalidInput(`Unknown role ${roleIds[i]}`, [
        { field: `roles[${i}]`, message: `no role with id ${roleIds[i]}` },
      ]);
  }
  await tx.deleteFrom('agent_roles').where('agent_id', '=', agentId).execute();
  if (unique.length > 0)
    await tx
      .insertInto('agent_roles')
      .values(unique.map((role_id) => ({ agent_id: agentId, role_id })))
      .execute();
}

export async function createAgentProfile(ctx: Ctx, input: AgentFields & { name: string }): Promise<Agent> {
  requireAccess(ctx, 'agents', 'edit');
  const name = requireName(input.name);
  return withTx(ctx.db, async (tx) => {
    const defaultTeam = await resolveTeamRef(tx, input.defaultTeamId, input.defaultTeamName);
    const now = isoNow(ctx);
    const { id } = await tx
      .insertInto('agents')
      .values({
        name,
        firstname: optionalText(input.firstname) ?? null,
        surname: optionalText(input.surname) ?? null,
        initials: optionalText(input.initials) ?? null,
        email: optionalText(input.email) ?? null,
        jobtitle: optionalText(input.jobtitle) ?? null,
        phone: optionalText(input.phone) ?? null,
        login: null,
        password_hash: null,
        is_api_only: toFlag(input.isApiOnly ?? false),
        inactive: toFlag(input.inactive ?? false),
        default_team_id: defaultTeam ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const teams = input.teamIds ?? (defaultTeam ? [defaultTeam] : []);
    await replaceAgentTeams(tx, id, teams);
    if (input.roleIds !== undefined) await replaceRoles(ctx, tx, id, input.roleIds);
    return loadAgent(tx, id);
  });
}

export async function updateAgentProfile(
  ctx: Ctx,
  input: AgentFields & { id: number; name?: string | undefined },
): Promise<Agent> {
  requireAccess(ctx, 'agents', 'edit');
  return withTx(ctx.db, async (tx) => {
    await loadAgent(tx, input.id);
    const defaultTeam = await resolveTeamRef(tx, input.defaultTeamId, input.defaultTeamName);
    const changes = definedOnly({
      name: input.name === undefined ? undefined : requireName(input.name),
      firstname: optionalText(input.firstname),
      surname: optionalText(input.surname),
      initials: optionalText(input.initials),
      email: optionalText(input.email),
      jobtitle: optionalText(input.jobtitle),
      phone: optionalText(input.phone),
      is_api_only: input.isApiOnly === undefined ? undefined : toFlag(input.isApiOnly),
      inactive: input.inactive === undefined ? undefined : toFlag(input.inactive),
      default_team_id: defaultTeam,
    });
    if (Object.keys(changes).length > 0) {
      await tx
        .updateTable('agents')
        .set({ ...changes, updated_at: isoNow(ctx) })
        .where('id', '=', input.id)
        .execute();
    }
    if (input.teamIds !== undefined) await replaceAgentTeams(tx, input.id, input.teamIds);
    if (input.roleIds !== undefined) await replaceRoles(ctx, tx, input.id, input.roleIds);
    return loadAgent(tx, input.id);
  });
}
