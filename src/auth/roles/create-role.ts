import { requireAdmin, isoNow, type Ctx } from '../../core/context.js';
import { conflict } from '../../core/errors.js';
import type { Permission } from '../../core/permissions.js';
import { withTx } from '../../db/transaction.js';
import type { RoleView } from './list-roles.js';

export interface CreateRoleInput {
  name: string;
  description?: string | null;
  permissions: Permission[];
}

export async function createRole(ctx: Ctx, input: CreateRoleInput): Promise<RoleView> {
  requireAdmin(ctx);
  const now = isoNow(ctx);
  return withTx(ctx.db, async (tx) => {
    const existing = await tx
      .selectFrom('roles')
      .select('id')
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (existing)
      throw conflict(`A role named ${input.name} already exists`, [
        { field: 'name', message: 'is already used' },
      ]);
    const permissions = [...new Set(input.permissions)];
    const row = await tx
      .insertInto('roles')
      .values({
        name: input.name,
        description: input.description ?? null,
        permissions: JSON.stringify(permissions),
        created_at: now,
        updated_at: now,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    return { id: row.id, name: input.name, description: input.description ?? null, permissions };
  });
}
