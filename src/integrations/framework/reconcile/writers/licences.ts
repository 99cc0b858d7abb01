// Licences belong to the customer their container (tenant) maps to. A swept licence is marked "expired";
// licences are never deleted.
import type { ExternalLicence } from '../../contract.js';
import { resolveContainer } from '../../mappings/mapping.js';
import { RecordError, type RecordWriter } from '../types.js';
import { createLicence } from '../../../../core/licences/save-licence.js';
import { defined } from './shared.js';
import { useCaseCtx } from './use-case-ctx.js';

/** Dates are stored as ISO-8601 timestamps (as the core licence use cases store them). */
function isoDate(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new RecordError('INVALID_DATE', `"${v}" is not a date`);
  return d.toISOString();
}

export const licenceWriter: RecordWriter<ExternalLicence> = {
  recordType: 'licence',
  table: 'licences',
  mappableFields: ['name', 'product_code', 'type', 'quantity', 'consumed', 'start_date', 'end_date'],
  async resolve(w, rec) {
    const m = resolveContainer(w.mappings, rec.containerId);
    if (!m || m.target.kind === 'agent') {
      if (w.instance.unmappedPolicy === 'skip') return { kind: 'skip', reason: 'container not mapped' };
      throw new RecordError(
        'UNMAPPED_CONTAINER',
        `The licence's container ${rec.containerId} is not mapped to a customer`,
      );
    }
    const today = w.now.slice(0, 10);
    const fields = defined({
      name: rec.name,
      product_code: rec.productCode,
      type: rec.type,
      quantity: rec.quantity,
      consumed: rec.consumed,
      start_date: isoDate(rec.startDate),
      end_date: isoDate(rec.endDate),
    });
    const end = isoDate(rec.endDate);
    const status = end && end.slice(0, 10) < today ? 'expired' : 'active';
    return {
      kind: 'write',
      name: rec.name,
      fields,
      structural: { customer_id: m.target.customerId, vendor: rec.vendor, status },
    };
  },
  async create(w, v) {
    const text = (k: string) => (v[k] === undefined || v[k] === null ? null : String(v[k]));
    const num = (k: string) => (v[k] === undefined || v[k] === null ? null : Number(v[k]));
    const l = await createLicence(useCaseCtx(w), {
      name: String(v.name),
      client_id: Number(v.customer_id),
      vendor: text('vendor'),
      product_sku: text('product_code'),
      type: text('type'),
      count: num('quantity'),
      licences_in_use: num('consumed'),
      start_date: text('start_date'),
      end_date: text('end_date'),
      status: String(v.status ?? 'active'),
    });
    return l.id;
  },
  async sweep(w, ids) {
    const active = await this.active(w.tx, ids);
    if (active.length)
      await w.tx
        .updateTable('licences')
        .set({ status: 'expired', updated_at: w.now })
        .where('id', 'in', active)
        .execute();
    return active;
  },
  async active(tx, ids) {
    if (ids.length === 0) return [];
    return (
      await tx
        .selectFrom('licences')
        .select('id')
        .where('id', 'in', ids)
        .where('status', '!=', 'expired')
        .execute()
    ).map((r) => r.id);
  },
};
