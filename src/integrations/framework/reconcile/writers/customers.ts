// Customers from the source (e.g. Sophos tenants). A tenant's container mapping decides the customer; an
// unmapped tenant is skipped or created as a new customer under the instance's top level (then mapped); a
// tenant on the review list (ambiguous name) is skipped with a note until the admin resolves it.
import type { ExternalCustomer } from '../../contract.js';
import { resolveContainer } from '../../mappings/mapping.js';
import type { RecordWriter, WriteCtx } from '../types.js';
import { createCustomer } from '../../../../core/customers/create-customer.js';
import { activeIds, defined, inactivate } from './shared.js';
import { useCaseCtx } from './use-case-ctx.js';

async function mapCreated(w: WriteCtx, rec: ExternalCustomer, customerId: number): Promise<void> {
  await w.tx
    .insertInto('container_mappings')
    .values({
      instance_id: w.instance.id,
      external_id: rec.externalId,
      external_name: rec.name,
      container_kind: 'tenant',
      status: 'mapped',
      target_kind: 'customer',
      customer_id: customerId,
      source: 'generated',
      created_at: w.now,
      updated_at: w.now,
    })
    .onConflict((oc) =>
      oc.columns(['instance_id', 'external_id']).doUpdateSet({
        status: 'mapped',
        target_kind: 'customer',
        customer_id: customerId,
        candidates_json: null,
        updated_at: w.now,
      }),
    )
    .execute();
}

export const customerWriter: RecordWriter<ExternalCustomer> = {
  recordType: 'customer',
  table: 'customers',
  mappableFields: ['name', 'website', 'notes'],
  // The customer's name belongs to the PSA: a run never renames an existing customer (mapped to a tenant, or
  // created by an earlier run) unless the admin maps "name" in the instance's field mappings. A customer the
  // run creates is still named after the source.
  defaultFields: ['website', 'notes'],
  async resolve(w, rec) {
    const fields = defined({ name: rec.name, website: rec.fields?.website, notes: rec.fields?.notes });
    const m = resolveContainer(w.mappings, rec.externalId);
    if (m && (m.target.kind === 'customer' || m.target.kind === 'site')) {
      return {
        kind: 'write',
        name: rec.name,
        fields,
        structural: { inactive: 0 },
        existingId: m.target.customerId,
      };
    }
    if (w.instance.unmappedPolicy !== 'create_customer')
      return { kind: 'skip', reason: 'container not mapped' };
    // A tenant on the review list (its name matched several customers) waits for the admin: creating a
    // customer for it would add yet another customer of that name.
    const review = await w.tx
      .selectFrom('container_mappings')
      .select('candidates_json')
      .where('instance_id', '=', w.instance.id)
      .where('external_id', '=', rec.externalId)
      .where('status', '=', 'ambiguous')
      .executeTakeFirst();
    if (review) {
      const n = review.candidates_json ? (JSON.parse(review.candidates_json) as unknown[]).length : 0;
      return {
        kind: 'skip',
        reason: 'container on the review list',
        note: {
          code: 'SKIPPED_NEEDS_REVIEW',
          message:
            `Not imported: "${rec.name}" matches ${n || 'several'} existing customers by name and is on the ` +
            'mappings review list; map it to one of them (or to a new customer) and it is imported on the next run',
        },
      };
    }
    return {
      kind: 'write',
      name: rec.name,
      fields,
      structural: { inactive: 0 },
      afterCreate: (wc, id) => mapCreated(wc, rec, id),
    };
  },
  async create(w, values) {
    // Through the core use case: a customer always gets its main site, and the write is attributed.
    const c = await createCustomer(useCaseCtx(w), {
      name: String(values.name),
      toplevelId: w.instance.createUnderToplevelId,
      inactive: Number(values.inactive ?? 0) === 1,
      website: (values.website as string | null | undefined) ?? null,
      notes: (values.notes as string | null | undefined) ?? null,
    });
    return c.id;
  },
  sweep: (w, ids) => inactivate(w.tx, 'customers', ids, w.now),
  active: (tx, ids) => activeIds(tx, 'customers', ids),
};
