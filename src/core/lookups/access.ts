// Who may read and write a lookup kind: any authenticated actor reads configuration lists and only admins
// change them; asset types follow the assets area instead.
import { requireAccess, requireAdmin, type Ctx } from '../context.js';
import type { KindSpec } from './kinds.js';

export function requireLookupRead(ctx: Pick<Ctx, 'actor'>, spec: KindSpec): void {
  if (spec.area) requireAccess(ctx, spec.area, 'read');
}

export function requireLookupWrite(ctx: Pick<Ctx, 'actor'>, spec: KindSpec): void {
  if (spec.area) requireAccess(ctx, spec.area, 'edit');
  else requireAdmin(ctx);
}
