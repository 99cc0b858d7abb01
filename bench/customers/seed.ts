// 100,000-customer fixture for the customer benchmarks: company-like names, every 50th inactive, each with
// its main site, inserted in chunks inside one transaction.
import type { Db } from '../../src/db/transaction.js';

const FIRST = [
  'Acme',
  'Blue',
  'Cedar',
  'Delta',
  'Echo',
  'Falcon',
  'Granite',
  'Harbor',
  'Iron',
  'Juniper',
  'Kestrel',
  'Lumen',
  'Maple',
  'Nova',
  'Orbit',
  'Pine',
  'Quartz',
  'River',
  'Summit',
  'Titan',
];
const SECOND = [
  'Tech',
  'Dental',
  'Legal',
  'Logistics',
  'Foods',
  'Health',
  'Partners',
  'Builders',
  'Media',
  'Energy',
  'Retail',
  'Capital',
  'Labs',
  'Motors',
  'Design',
];
const SUFFIX = ['Ltd', 'LLC', 'Inc', 'GmbH', 'Group', 'Co', '& Sons', 'Pty'];

/** Search terms: common, clustered, rare, absent and multi-word. */
export const TERMS = [
  'tech',
  'Harbor',
  'dental ltd',
  'nova labs',
  'ZZZ-no-match',
  '12345',
  'gmbh',
  'pine energy co',
];

export function customerName(i: number): string {
  return `${FIRST[i % FIRST.length]} ${SECOND[Math.floor(i / FIRST.length) % SECOND.length]} ${SUFFIX[i % SUFFIX.length]} ${i}`;
}

export async function seedCustomers(db: Db, total: number): Promise<void> {
  const now = new Date().toISOString();
  const chunk = 500;
  await db.transaction().execute(async (tx) => {
    for (let start = 0; start < total; start += chunk) {
      const rows = Array.from({ length: Math.min(chunk, total - start) }, (_, k) => ({
        name: customerName(start + k),
        inactive: (start + k) % 50 === 0 ? 1 : 0,
        created_at: now,
        updated_at: now,
      }));
      const ids = await tx.insertInto('customers').values(rows).returning('id').execute();
      const sites = await tx
        .insertInto('sites')
        .values(ids.map((r) => ({ customer_id: r.id, name: 'Main', created_at: now, updated_at: now })))
        .returning(['id', 'customer_id'])
        .execute();
      for (const s of sites)
        await tx
          .updateTable('customers')
          .set({ main_site_id: s.id })
          .where('id', '=', s.customer_id)
          .execute();
    }
  });
}
