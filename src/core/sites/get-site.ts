import { requireAccess, type Ctx } from '../context.js';
import { loadSite, type Site } from './site.js';

export async function getSite(ctx: Ctx, id: number): Promise<Site> {
  requireAccess(ctx, 'customers', 'read');
  return loadSite(ctx.db, id);
}
