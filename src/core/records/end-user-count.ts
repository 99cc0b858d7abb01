// "3 active, 1 inactive": the end users of a site or customer, for its detail view (linked to the list of them).
import type { Ctx } from '../context.js';
import type { DetailField } from './detail.js';
import { toCount } from './query-helpers.js';

export async function endUsersField(
  ctx: Ctx,
  where: { column: 'site_id'; siteId: number } | { column: 'customer_id'; customerId: number },
): Promise<DetailField> {
  const id = where.column === 'site_id' ? where.siteId : where.customerId;
  const rows = await ctx.db
    .selectFrom('end_users')
    .select(['inactive', (eb) => eb.fn.countAll().as('n')])
    .where(where.column, '=', id)
    .groupBy('inactive')
    .execute();
  let active = 0;
  let inactive = 0;
  for (const r of rows) {
    if (r.inactive) inactive += toCount(r.n);
    else active += toCount(r.n);
  }
  return {
    label: 'End users',
    value: inactive ? `${active} active, ${inactive} inactive` : `${active} active`,
    link: {
      type: 'users',
      filter: where.column === 'site_id' ? { siteId: where.siteId } : { customerId: where.customerId },
    },
  };
}
