import { requireAccess, type Ctx } from '../context.js';
import { loadTeam, type Team } from './team.js';

export async function getTeam(ctx: Ctx, id: number): Promise<Team> {
  requireAccess(ctx, 'teams', 'read');
  return loadTeam(ctx.db, id);
}
