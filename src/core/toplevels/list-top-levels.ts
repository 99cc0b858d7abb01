// Lists top levels by activity and name.
import { requireAccess, type Ctx } from '../context.js';
import {
  listPage,
  resolveOrder,
  standardConditions,
  type ListOptions,
  type ListPage,
} from '../shared/list.js';
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
    ...standardConditions(db, input, { inactive: 't.inactive', search: ['t.name'], id: 't.id' }),
  ];
  const page = await listPage(input.window, { select: selectTopLevels(db), where, order });
  return { ...page, items: page.items.map(toTopLevel) };
}
