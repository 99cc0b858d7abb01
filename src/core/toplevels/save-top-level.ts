// Creates or partially updates a top level.
import { withTx } from '../../db/transaction.js';
import { isoNow, requireAccess, type Ctx } from '../context.js';
import { definedOnly, requireName, toFlag } from '../shared/values.js';
import { loadTopLevel, type TopLevel } from './top-level.js';

export interface CreateTopLevelInput {
  name: string;
  inactive?: boolean | undefined;
}

export async function createTopLevel(ctx: Ctx, input: CreateTopLevelInput): Promise<TopLevel> {
  requireAccess(ctx, 'customers', 'edit');
  const name = requireName(input.name);
  return withTx(ctx.db, async (tx) => {
    const now = isoNow(ctx);
    const { id } = await tx
      .insertInto('top_levels')
      .values({ name, inactive: toFlag(input.inactive ?? false), created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return loadTopLevel(tx, id);
  });
}

export interface UpdateTopLevelInput {
  id: number;
  name?: string | undefined;
  inactive?: boolean | undefined;
}

export async function updateTopLevel(ctx: Ctx, input: UpdateTopLevelInput): Promise<TopLevel> {
  requireAccess(ctx, 'customers', 'edit');
  return withTx(ctx.db, async (tx) => {
    await loadTopLevel(tx, input.id);
    const changes = definedOnly({
      name: input.name === undefined ? undefined : requireName(input.name),
      inactive: input.inactive === undefined ? undefined : toFlag(input.inactive),
    });
    if (Object.keys(changes).length > 0) {
      await tx
        .updateTable('top_levels')
        .set({ ...changes, updated_at: isoNow(ctx) })
        .where('id', '=', input.id)
        .execute();
    }
    return loadTopLevel(tx, input.id);
  });
}
