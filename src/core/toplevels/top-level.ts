// A top level: Halo's grouping of customers (e.g. "Managed clients", "Prospects").
import type { Db, Tx } from '../../db/transaction.js';
import { notFound } from '../errors.js';
import { toBool } from '../shared/values.js';

export interface TopLevel {
  id: number;
  name: string;
  inactive: boolean;
  customerCount: number;
  createdAt: string;
  updatedAt: string;
}

export function selectTopLevels(db: Db | Tx) {
  return db
    .selectFrom('top_levels as t')
    .select(['t.id', 't.name', 't.inactive', 't.created_at', 't.updated_at'])
    .select((eb) =>
      eb
        .selectFrom('customers as c')
        .whereRef('c.toplevel_id', '=', 't.id')
        .select(eb.fn.countAll<number | string>().as('n'))
        .as('customer_count'),
    );
}

type TopLevelRow = Awaited<ReturnType<ReturnType<typeof selectTopLevels>['executeTakeFirstOrThrow']>>;

export function toTopLevel(r: TopLevelRow): TopLevel {
  return {
    id: r.id,
    name: r.name,
    inactive: toBool(r.inactive),
    customerCount: Number(r.customer_count ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function loadTopLevel(db: Db | Tx, id: number): Promise<TopLevel> {
  const row = await selectTopLevels(db).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('TopLevel', id);
  return toTopLevel(row);
}
