// User roles: Halo's roles for end users (what a customer's user may do on the portal), as opposed to agents'
// roles. Directory site mappings assign them (integrations/framework/reconcile/writers/users.ts); admins
// list and create them here (console: User roles; CLI: `tributary user-roles`; /admin/api/user-roles).
import { z } from 'zod';
import { isoNow, requireAdmin, type Ctx } from '../context.js';
import { conflict, invalidInput } from '../errors.js';
import { withTx } from '../../db/transaction.js';

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

/** Not secret: any signed-in actor may list them (the console's mapping form offers them). */
export async function listUserRoles(ctx: Ctx): Promise<UserRoleView[]> {
  return ctx.db.selectFrom('user_roles').select(['id', 'name', 'description']).orderBy('name').execute();
}

export async function createUserRole(ctx: Ctx, input: UserRoleInput): Promise<UserRoleView> {
  requireAdmin(ctx);
  const parsed = UserRoleInputSchema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((x) => ({
      field: x.path.join('.') || '(root)',
      message: x.message,
    }));
    throw invalidInput(
      `Invalid user role: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`,
      details,
    );
  }
  const i = parsed.data;
  const now = isoNow(ctx);
  return withTx(ctx.db, async (tx) => {
    // Names are unique regardless of case: "Approver" and "approver" would be indistinguishable in a list.
    const taken = await tx
      .selectFrom('user_roles')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', i.name.toLowerCase()))
      .executeTakeFirst();
    if (taken)
      throw conflict(`A user role named ${i.name} already exists`, [
        { field: 'name', message: 'is already used' },
      ]);
    const description = i.description || null;
    const row = await tx
      .insertInto('user_roles')
      .values({ name: i.name, description, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, name: i.name, description };
  });
}
