import { requireAccess, type Ctx } from '../../core/context.js';
import { loadAgentViews, type AgentView } from './agent-view.js';

export async function listAgents(ctx: Ctx): Promise<AgentView[]> {
  requireAccess(ctx, 'agents', 'read');
  return loadAgentViews(ctx.db);
}
