// Lists actions, normally of one ticket (Halo clients always pass ticket_id), oldest first.
import { requireAccess, type Ctx } from '../context.js';
import { listPage, mapPage, resolveOrder, type ListOptions, type ListPage } from '../shared/list.js';
import { presentAction, type ActionWire } from './presenter.js';
import { actionSelect } from './query.js';

export interface ActionFilters {
  ticket_id?: number | undefined;
  /** Leave out actions hidden from the end user. */
  excludeprivate?: boolean | undefined;
  importantonly?: boolean | undefined;
  /** Only actions by an agent (not system/integration notes without one). */
  agentonly?: boolean | undefined;
}

const SORTABLE = { id: 'x.id', datetime: 'x.created_at', actiondatecreated: 'x.created_at' } as const;

export async function listActions(
  ctx: Ctx,
  filters: ActionFilters,
  options: ListOptions = {},
): Promise<ListPage<ActionWire>> {
  requireAccess(ctx, 'tickets', 'read');
  let q = actionSelect(ctx.db);
  if (filters.ticket_id !== undefined) q = q.where('x.ticket_id', '=', filters.ticket_id);
  if (filters.excludeprivate) q = q.where('x.hidden_from_user', '=', 0);
  if (filters.importantonly) q = q.where('x.important', '=', 1);
  if (filters.agentonly) q = q.where('x.agent_id', 'is not', null);
  const order = resolveOrder(options.order, SORTABLE, [{ column: 'x.id', desc: false }], 'x.id');
  const page = await listPage(options.window, { select: q, order });
  return mapPage(page, presentAction);
}
