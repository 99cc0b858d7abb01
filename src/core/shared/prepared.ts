// Hot-path queries without the query-builder cost: the query is built and compiled once per database (with
// placeholder values), and later calls only swap in the parameters. Building and compiling a Kysely query
// costs tens of microseconds, a noticeable share of a small write such as a ticket create.
//
//   const findUser = prepared((db, [id]) => db.selectFrom('end_users').select(['id', 'name']).where('id', '=', id as number));
//   const rows = await findUser(tx, [42]);
//
// Parameters must be scalars that never change the query's shape (no IN lists, no optional clauses). Values
// written into the builder itself (e.g. `.where('deleted', '=', 0)`) are kept as constants.
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Db, Tx } from '../../db/transaction.js';

const placeholder = (i: number) => `\u0000prepared-param-${i}\u0000`;

interface Entry {
  sql: string;
  /** For each compiled parameter: the index of the caller's parameter, or -1 for a constant. */
  order: number[];
  constants: readonly unknown[];
}

export function prepared<R>(
  build: (db: Kysely<Database>, params: readonly unknown[]) => Compilable<R>,
  arity: number,
): (db: Db | Tx, params: readonly unknown[]) => Promise<R[]> {
  // Keyed by the database's adapter: shared by a Kysely instance and its transactions, distinct per database.
  const cache = new WeakMap<object, Entry>();
  const placeholders = Array.from({ length: arity }, (_, i) => placeholder(i));
  return async (db, params) => {
    const key = db.getExecutor().adapter;
    let entry = cache.get(key);
    if (!entry) {
      const compiled = build(db, placeholders).compile();
      const order = compiled.parameters.map((p) => placeholders.indexOf(p as string));
      entry = { sql: compiled.sql, order, constants: compiled.parameters };
      cache.set(key, entry);
    }
    const { order, constants } = entry;
    const values = order.map((i, n) => (i >= 0 ? params[i] : constants[n]));
    return (await db.executeQuery<R>(CompiledQuery.raw(entry.sql, values))).rows;
  };
}
