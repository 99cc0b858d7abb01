// A dialect- and id-independent picture of what an instance imported: every linked record by external id,
// with the values that matter, so two instances (or two databases) can be compared.
import type { Db } from '../../src/db/transaction.js';

export type Snapshot = Record<string, Record<string, unknown>>;

export async function snapshotInstance(db: Db, instanceId: number): Promise<Snapshot> {
  const links = await db
    .selectFrom('external_links')
    .select(['record_type', 'record_id', 'external_id'])
    .where('instance_id', '=', instanceId)
    .execute();
  const customerExt = new Map(
    links.filter((l) => l.record_type === 'customer').map((l) => [l.record_id, l.external_id]),
  );
  const out: Snapshot = {};
  for (const l of links) {
    const key = `${l.record_type}:${l.external_id}`;
    if (l.record_type === 'customer') {
      const c = await db
        .selectFrom('customers')
        .select(['name', 'inactive', 'website'])
        .where('id', '=', l.record_id)
        .executeTakeFirst();
      out[key] = { ...c };
    } else if (l.record_type === 'licence') {
      const x = await db
        .selectFrom('licences')
        .select([
          'name',
          'quantity',
          'consumed',
          'status',
          'product_code',
          'start_date',
          'end_date',
          'customer_id',
        ])
        .where('id', '=', l.record_id)
        .executeTakeFirst();
      if (x) {
        const { customer_id, ...rest } = x;
        out[key] = { ...rest, customer: customerExt.get(customer_id) ?? `unlinked:${customer_id}` };
      }
    } else if (l.record_type === 'user') {
      out[key] = {
        ...(await db
          .selectFrom('end_users')
          .select(['name', 'email', 'inactive'])
          .where('id', '=', l.record_id)
          .executeTakeFirst()),
      };
    } else if (l.record_type === 'agent') {
      out[key] = {
        ...(await db
          .selectFrom('agents')
          .select(['name', 'email', 'inactive'])
          .where('id', '=', l.record_id)
          .executeTakeFirst()),
      };
    }
  }
  return out;
}

/** Counts of swept records (inactive customers/users/agents, expired licences) among an instance's links. */
export function sweptCount(s: Snapshot): number {
  return Object.values(s).filter((v) => v.inactive === 1 || v.status === 'expired').length;
}
