import type { Ctx } from '../../core/context.js';
import { parseRolePermissions } from '../agent-permissions.js';
import type { Permission } from '../../core/permissions.js';

export interface RoleView {
  id: number;
  name: string;
  description: string | null;
  permissions: Permission[];
}

/** Roles are not secret: any authenticated actor may list them (the console needs them for agent forms). */
export async function listRoles(ctx: Ctx): Promise<RoleView[]> {
  const rows = await ctx.db
    .selectFrom('roles')
    .select(['id', 'name', 'description', 'permissions'])
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    permissions: parseRolePermissions(r.permissions),
  }));
}
