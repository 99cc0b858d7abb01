// Licences belong to the customer their container (tenant) maps to. A swept licence is marked "expired";
// licences are never deleted.
import type { ExternalLicence } from '../../contract.js';
import { resolveContainer } from '../../mappings/mapping.js';
import { RecordError, type RecordWriter } from '../types.js';
import { defined } from './shared.js';

export const licenceWriter: RecordWriter<ExternalLicence> = {
  recordType: 'licence',
  table: 'licences',
  mappableFields: ['name', 'product_code', 'type', 'quantity', 'consumed', 'start_date', 'end_date'],
  async resolve(w, rec) {
    const m = resolveContainer(w.mappings, rec.containerId);
    if (!m || m.target.kind === 'agent') {
      if (w.instance.unmappedPolicy === 'skip') return { kind: 'skip', reason: 'container not mapped' };
      throw new RecordError('UNMAPPED_CONTAINER', `The licence's container ${rec.containerId} is not mapped to a customer`);
    }
    const today = w.now.slice(0, 10);
    const fields = defined({
      name: rec.name, product_code: rec.productCode, type: rec.type, quantity: rec.quantity, consumed: rec.consumed,
      start_date: rec.startDate, end_date: rec.endDate,
    });
    const status = rec.endDate && rec.endDate < today ? 'expired' : 'active';
    return { kind: 'write', name: rec.name, fields, structural: { customer_id: m.target.customerId, vendor: rec.vendor, status } };
  },
  async create(w, v) {
    const { id } = await w.tx
      .insertInto('licences')
      .values({
        customer_id: Number(v.customer_id), vendor: (v.vendor as string | null) ?? null, name: String(v.name),
        product_code: (v.product_code as string | null) ?? null, type: (v.type as string | null) ?? null,
        quantity: (v.quantity as number | null) ?? null, consumed: (v.consumed as number | null) ?? null,
        start_date: (v.start_date as string | null) ?? null, end_date: (v.end_date as string | null) ?? null,
        status: String(v.status ?? 'active'), created_at: w.now, updated_at: w.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },
  async sweep(w, ids) {
    const active = await this.active(w.tx, ids);
    if (active.length) await w.tx.updateTable('licences').set({ status: 'expired', updated_at: w.now }).where('id', 'in', active).execute();
    return active;
  },
  async active(tx, ids) {
    if (ids.length === 0) return [];
    return (await tx.selectFrom('licences').select('id').where('id', 'in', ids).where('status', '!=', 'expired').execute()).map((r) => r.id);
  },
};
