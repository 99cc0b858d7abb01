// Lists top levels by activity and name.
import { requireAccess, type Ctx } from '../context.js';
import {
  activityCondition,
  inList,
  listPage,
  resolveOrder,
  type ListOptions,
  type ListPage,
} from '../shared/list.js';
import { containsAny } from '../shared/search.js';
import { selectTopLevels, toTopLevel, type TopLevel } from './top-level.js';

export interface ListTopLevelsInput extends ListOptions {
  ids?: number[] | undefined;
}

export const TOP_LEVEL_SORTABLE: Readonly<Record<string, string>> = {
  id: 't.id',
  name: 't.name',
  inactive: 't.inactive',
};

export async function listTopLevels(ctx: Ctx, input: ListTopLevelsInput = {}): Promise<ListPage<TopLevel>> {
  requireAccess(ctx, 'customers', 'read');
  const db = ctx.db;
  const order = resolveOrder(input.order, TOP_LEVEL_SORTABLE, [{ column: 't.name', desc: false }], 't.id');
  const where = [
    activityCondition('t.inactive', input.activity),
    input.search ? containsAny(db, ['t.name'], input.search) : undefined,
    input.ids ? inList('t.id', input.ids) : undefined,
  ];
  const page = await listPage(input.window, { select: selectTopLevels(db), where, order });
  return { ...page, items: page.items.map(toTopLevel) };
}
