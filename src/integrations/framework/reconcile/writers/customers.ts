// Customers from the source (e.g. Sophos tenants). A tenant's container mapping decides the customer; an
// unmapped tenant is skipped or created as a new customer under the instance's top level (then mapped).
import type { ExternalCustomer } from '../../contract.js';
import { resolveContainer } from '../../mappings/mapping.js';
import type { RecordWriter, WriteCtx } from '../types.js';
import { activeIds, defined, inactivate } from './shared.js';

async function mapCreated(w: WriteCtx, rec: ExternalCustomer, customerId: number): Promise<void> {
  await w.tx
    .insertInto('container_mappings')
    .values({
      instance_id: w.instance.id, external_id: rec.externalId, external_name: rec.name, container_kind: 'tenant', status: 'mapped',
      target_kind: 'customer', customer_id: customerId, source: 'generated', created_at: w.now, updated_at: w.now,
    })
    .onConflict((oc) => oc.columns(['instance_id', 'external_id']).doUpdateSet({ status: 'mapped', target_kind: 'customer', customer_id: customerId, candidates_json: null, updated_at: w.now }))
    .execute();
}

export const customerWriter: RecordWriter<ExternalCustomer> = {
  recordType: 'customer',
  table: 'customers',
  mappableFields: ['name', 'website', 'notes'],
  async resolve(w, rec) {
    const fields = defined({ name: rec.name, website: rec.fields?.website, notes: rec.fields?.notes });
    const m = resolveContainer(w.mappings, rec.externalId);
    if (m && (m.target.kind === 'customer' || m.target.kind === 'site')) {
      return { kind: 'write', name: rec.name, fields, structural: { inactive: 0 }, existingId: m.target.customerId };
    }
    if (w.instance.unmappedPolicy !== 'create_customer') return { kind: 'skip', reason: 'container not mapped' };
    return { kind: 'write', name: rec.name, fields, structural: { inactive: 0 }, afterCreate: (wc, id) => mapCreated(wc, rec, id) };
  },
  async create(w, values) {
    const { id } = await w.tx
      .insertInto('customers')
      .values({
        name: String(values.name), toplevel_id: w.instance.createUnderToplevelId, website: (values.website as string | null) ?? null,
        notes: (values.notes as string | null) ?? null, inactive: Number(values.inactive ?? 0), created_at: w.now, updated_at: w.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Like Halo, a customer always has a main site.
    const site = await w.tx.insertInto('sites').values({ customer_id: id, name: 'Main', created_at: w.now, updated_at: w.now }).returning('id').executeTakeFirstOrThrow();
    await w.tx.updateTable('customers').set({ main_site_id: site.id }).where('id', '=', id).execute();
    return id;
  },
  sweep: (w, ids) => inactivate(w.tx, 'customers', ids, w.now),
  active: (tx, ids) => activeIds(tx, 'customers', ids),
};
