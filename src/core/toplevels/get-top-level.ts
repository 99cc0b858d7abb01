import { requireAccess, type Ctx } from '../context.js';
import { loadTopLevel, type TopLevel } from './top-level.js';

export async function getTopLevel(ctx: Ctx, id: number): Promise<TopLevel> {
  requireAccess(ctx, 'customers', 'read');
  return loadTopLevel(ctx.db, id);
}
