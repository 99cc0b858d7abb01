// User roles: Halo's roles for end users (what a customer's user may do on the portal), as opposed to agents'
// roles. Directory site mappings assign them (integrations/framework/reconcile/writers/users.ts); admins
// list, create, rename and delete them here (console: User roles; CLI: `tributary user-roles`;
// /admin/api/user-roles).
import { z } from 'zod';
import { isoNow, requireAdmin, type Ctx } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { parseInput } from '../parse-input.js';
import { withTx, type Tx } from '../../db/transaction.js';

export interface UserRoleView {
  id: number;
  name: string;
  description: string | null;
}

export const UserRoleInputSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  description: z.string().trim().max(1000).nullable().optional(),
});
export type UserRoleInput = z.input<typeof UserRoleInputSchema>;

/** What deleting a role did: the end users who held it hold none now. */
export interface UserRoleDeleted {
  deleted: number;
  usersCleared: number;
}

/** Names are unique regardless of case: "Approver" and "approver" would be indistinguishable in a list. */
async function requireFreeName(tx: Tx, name: string, except?: number): Promise<void> {
  let q = tx
    .selectFrom('user_roles')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (except !== undefined) q = q.where('id', '!=', except);
  if (await q.executeTakeFirst())
    throw conflict(`A user role named ${name} already exists`, [
      { field: 'name', message: 'is already used' },
    ]);
}

async function requireRole(tx: Tx, id: number): Promise<void> {
  if (!(await tx.selectFrom('user_roles').select('id').where('id', '=', id).executeTakeFirst()))
    throw notFound('User role', id);
}

/** Not secret: any signed-in actor may list them (the console's mapping form offers them). */
export async function listUserRoles(ctx: Ctx): Promise<UserRoleView[]> {
  return ctx.db.selectFrom('user_roles').select(['id', 'name', 'description']).orderBy('name').execute();
}

export async function createUserRole(ctx: Ctx, input: UserRoleInput): Promise<UserRoleView> {
  requireAdmin(ctx);
  const i = parseInput(UserRoleInputSchema, input);
  const now = isoNow(ctx);
  return withTx(ctx.db, async (tx) => {
    await requireFreeName(tx, i.name);
    const description = i.description || null;
    const row = await tx
      .insertInto('user_roles')
      .values({ name: i.name, description, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, name: i.name, description };
  });
}

/** Renames a role or changes its description; the users and mappings that hold it keep it. */
export async function updateUserRole(ctx: Ctx, id: number, input: UserRoleInput): Promise<UserRoleView> {
  requireAdmin(ctx);
  const i = parseInput(UserRoleInputSchema, input);
  return withTx(ctx.db, async (tx) => {
    await requireRole(tx, id);
    await requireFreeName(tx, i.name, id);
    const description = i.description || null;
    await tx
      .updateTable('user_roles')
      .set({ name: i.name, description, updated_at: isoNow(ctx) })
      .where('id', '=', id)
      .execute();
    return { id, name: i.name, description };
  });
}

/**
 * Deletes a role. Refused while a mapping gives it (the next sync would have nothing to give: change those
 * mappings first); end users who hold it are left without a role, and the answer says how many.
 */
export async function deleteUserRole(ctx: Ctx, id: number): Promise<UserRoleDeleted> {
  requireAdmin(ctx);
  return withTx(ctx.db, async (tx) => {
    await requireRole(tx, id);
    const mappings = await tx
      .selectFrom('container_mappings')
      .select('external_name')
      .where('user_role_id', '=', id)
      .orderBy('external_name')
      .execute();
    if (mappings.length)
      throw conflict(
        `User role ${id} is given by ${mappings.length} mapping${mappings.length === 1 ? '' : 's'} (${mappings
          .slice(0, 5)
          .map((m) => m.external_name)
          .join(', ')}${mappings.length > 5 ? ', …' : ''}); change them first`,
        [{ field: 'id', message: 'is used by mappings' }],
      );
    const cleared = await tx
      .updateTable('end_users')
      .set({ user_role_id: null, updated_at: isoNow(ctx) })
      .where('user_role_id', '=', id)
      .executeTakeFirst();
    await tx.deleteFrom('user_roles').where('id', '=', id).execute();
    return { deleted: id, usersCleared: Number(cleared.numUpdatedRows) };
  });
}
