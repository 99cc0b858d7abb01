import { requireAdmin, isoNow, type Ctx } from '../../core/context.js';
import { loadApplicationViews, type ApplicationView } from './application-view.js';

export async function listApplications(ctx: Ctx): Promise<ApplicationView[]> {
  requireAdmin(ctx);
  return loadApplicationViews(ctx.db, isoNow(ctx));
}
