import { requireAccess, type Ctx } from '../context.js';
import { loadEndUser, type EndUser } from './end-user.js';

export async function getEndUser(ctx: Ctx, id: number): Promise<EndUser> {
  requireAccess(ctx, 'customers', 'read');
  return loadEndUser(ctx.db, id);
}
