import { notFound } from '../errors.js';
import { requireAccess, type Ctx } from '../context.js';
import { loadAgent, type Agent } from './agent.js';

export async function getAgent(ctx: Ctx, id: number): Promise<Agent> {
  requireAccess(ctx, 'agents', 'read');
  return loadAgent(ctx.db, id);
}

/** The agent the caller acts as (an application's login agent, a console user). Needs no agents permission. */
export async function getCurrentAgent(ctx: Ctx): Promise<Agent> {
  if (ctx.actor.agentId === null) throw notFound('Agent', 'me');
  return loadAgent(ctx.db, ctx.actor.agentId);
}
