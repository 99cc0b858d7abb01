// Seeds the benchmark database: 100,000 customers (each with a main site) in bulk, and an API application
// with a token. Bulk SQL is used for the fixture only; the measured requests go through the real API.
import { sql } from 'kysely';
import { boot } from '../../src/boot.js';
import { createLogger } from '../../src/log.js';
import { createTestApplication } from '../../src/auth/testing.js';

const WORDS_A = [
  'North',
  'Blue',
  'Summit',
  'Harbor',
  'Cedar',
  'Granite',
  'Silver',
  'Maple',
  'Atlas',
  'Beacon',
  'Crimson',
  'Delta',
  'Evergreen',
  'Falcon',
  'Golden',
  'Horizon',
  'Iron',
  'Juniper',
  'Keystone',
  'Lakeside',
];
const WORDS_B = [
  'Dental',
  'Logistics',
  'Legal',
  'Manufacturing',
  'Accounting',
  'Clinic',
  'Engineering',
  'Foods',
  'Realty',
  'Transport',
  'Design',
  'Pharmacy',
  'Consulting',
  'Builders',
  'Insurance',
  'Media',
  'Motors',
  'Farms',
  'Schools',
  'Hotels',
];
const WORDS_C = [
  'Ltd',
  'LLC',
  'Group',
  'Partners',
  'Inc',
  'GmbH',
  '& Co',
  'Services',
  'Holdings',
  'Associates',
];

export function customerName(i: number): string {
  return `${WORDS_A[i % 20]} ${WORDS_B[Math.floor(i / 20) % 20]} ${WORDS_C[Math.floor(i / 400) % 10]} ${i}`;
}

export async function seed(dataDir: string, customers: number): Promise<{ authorization: string }> {
  const booted = await boot({ overrides: { dataDir }, logger: createLogger('warn') });
  const db = booted.services.db;
  const now = new Date().toISOString();
  const batch = 500;
  for (let start = 0; start < customers; start += batch) {
    await db.transaction().execute(async (tx) => {
      const rows = Array.from({ length: Math.min(batch, customers - start) }, (_, k) => ({
        name: customerName(start + k),
        toplevel_id: null,
        website: null,
        notes: null,
        main_site_id: null,
        created_at: now,
        updated_at: now,
      }));
      const inserted = await tx.insertInto('customers').values(rows).returning('id').execute();
      const sites = await tx
        .insertInto('sites')
        .values(
          inserted.map((r) => ({
            customer_id: r.id,
            name: 'Main',
            phone: null,
            timezone: null,
            notes: null,
            address_line1: null,
            address_line2: null,
            address_city: null,
            address_postcode: null,
            address_country: null,
            created_at: now,
            updated_at: now,
          })),
        )
        .returning(['id', 'customer_id'])
        .execute();
      for (const s of sites)
        await tx
          .updateTable('customers')
          .set({ main_site_id: s.id })
          .where('id', '=', s.customer_id)
          .execute();
    });
  }
  await sql`ANALYZE`.execute(db);
  const app = await createTestApplication(db, {
    scopes: 'all',
    permissions: ['admin'],
    name: 'bench',
    ttlSeconds: 86_400,
  });
  await booted.close();
  return { authorization: app.authorization };
}
