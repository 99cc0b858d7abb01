// Creates or partially updates a team; `agentIds`, when given, replaces the membership.
import { withTx } from '../../db/transaction.js';
import { isoNow, requireAccess, type Ctx } from '../context.js';
import { replaceTeamMembers } from '../agents/memberships.js';
import { definedOnly, optionalText, requireName, toFlag } from '../shared/values.js';
import { assertTeamNameFree, loadTeam, type Team } from './team.js';

export interface TeamFields {
  inactive?: boolean | undefined;
  email?: string | null | undefined;
  agentIds?: number[] | undefined;
}

export async function createTeam(ctx: Ctx, input: TeamFields & { name: string }): Promise<Team> {
  requireAccess(ctx, 'teams', 'edit');
  const name = requireName(input.name);
  return withTx(ctx.db, async (tx) => {
    await assertTeamNameFree(tx, name);
    const now = isoNow(ctx);
    const { id } = await tx
      .insertInto('teams')
      .values({
        name,
        inactive: toFlag(input.inactive ?? false),
        email: optionalText(input.email) ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.agentIds !== undefined) await replaceTeamMembers(tx, id, input.agentIds);
    return loadTeam(tx, id);
  });
}

export async function updateTeam(
  ctx: Ctx,
  input: TeamFields & { id: number; name?: string | undefined },
): Promise<Team> {
  requireAccess(ctx, 'teams', 'edit');
  return withTx(ctx.db, async (tx) => {
    await loadTeam(tx, input.id);
    const name = input.name === undefined ? undefined : requireName(input.name);
    if (name !== undefined) await assertTeamNameFree(tx, name, input.id);
    const changes = definedOnly({
      name,
      inactive: input.inactive === undefined ? undefined : toFlag(input.inactive),
      email: optionalText(input.email),
    });
    if (Object.keys(changes).length > 0) {
      await tx
        .updateTable('teams')
        .set({ ...changes, updated_at: isoNow(ctx) })
        .where('id', '=', input.id)
        .execute();
    }
    if (input.agentIds !== undefined) await replaceTeamMembers(tx, input.id, input.agentIds);
    return loadTeam(tx, input.id);
  });
}
