// Default reference data a fresh install needs before anything can create a ticket: statuses, an SLA with
// priorities 1–4, ticket types, categories, lookup lists (incl. lookupid 11, the list of lookup types that
// HaloAPI's PowerShell login requires to be non-empty), outcomes and asset types.
//
// Ids are explicit and chosen to match what Halo clients assume: Closed is status 9 (Halo SQL examples use
// `status <> 9`), and Internal Note is outcome 7 (CIPP falls back to outcome 7 "the built-in Internal Note").
// Lookup-type rows (lookupid 11) carry the id of the list they describe as their own id (and in value_int),
// so `GET /api/Lookup?lookupid=11` maps names to list ids. Urgency and impact rows have ids 1–3 and 4–6:
// a ticket's urgency/impact holds the id of a row of that list.
//
// Safe to run on a database that already has some of these rows: only missing ids are inserted. On
// PostgreSQL the serial sequences are moved past the explicit ids so later inserts don't collide.
// This file is frozen: it declares its own row shapes instead of importing the evolving schema types.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

type Row = { id: number } & Record<string, string | number | null>;

const STATUSES: Row[] = [
  { id: 1, name: 'New', shortname: 'New', is_closed: 0, sequence: 1, colour: '#2f80ed' },
  { id: 2, name: 'In Progress', shortname: 'Prog', is_closed: 0, sequence: 2, colour: '#f2994a' },
  { id: 3, name: 'Action Required', shortname: 'Act', is_closed: 0, sequence: 3, colour: '#eb5757' },
  { id: 4, name: 'Waiting on Customer', shortname: 'WCust', is_closed: 0, sequence: 4, colour: '#9b51e0' },
  { id: 5, name: 'Waiting on Third Party', shortname: 'W3rd', is_closed: 0, sequence: 5, colour: '#bb6bd9' },
  { id: 6, name: 'On Hold', shortname: 'Hold', is_closed: 0, sequence: 6, colour: '#828282' },
  { id: 9, name: 'Closed', shortname: 'Closed', is_closed: 1, sequence: 9, colour: '#27ae60' },
];

const SLAS: Row[] = [{ id: 1, name: 'Standard SLA' }];

const PRIORITIES: Row[] = [
  { id: 1, name: 'Critical', sla_id: 1, response_hours: 1, fix_hours: 4, sequence: 1, colour: '#eb5757' },
  { id: 2, name: 'High', sla_id: 1, response_hours: 2, fix_hours: 8, sequence: 2, colour: '#f2994a' },
  { id: 3, name: 'Medium', sla_id: 1, response_hours: 4, fix_hours: 24, sequence: 3, colour: '#f2c94c' },
  { id: 4, name: 'Low', sla_id: 1, response_hours: 8, fix_hours: 72, sequence: 4, colour: '#6fcf97' },
];

const TICKET_TYPES: Row[] = [
  { id: 1, name: 'Incident', default_sla_id: 1, default_priority_id: 3, initial_status_id: 1, sequence: 1 },
  {
    id: 2,
    name: 'Service Request',
    default_sla_id: 1,
    default_priority_id: 4,
    initial_status_id: 1,
    sequence: 2,
  },
  { id: 3, name: 'Onboarding', default_sla_id: 1, default_priority_id: 3, initial_status_id: 1, sequence: 3 },
  { id: 4, name: 'Alert', default_sla_id: 1, default_priority_id: 2, initial_status_id: 1, sequence: 4 },
];

const CATEGORY_VALUES: Array<[number, string]> = [
  [1, 'Hardware'],
  [1, 'Software'],
  [1, 'Network'],
  [1, 'Security'],
  [1, 'Email'],
  [1, 'Accounts & Access'],
  [1, 'Printing'],
  [1, 'Other'],
  [2, 'Workstation'],
  [2, 'Server'],
  [2, 'Laptop'],
  [2, 'Mobile Device'],
  [2, 'Cloud Service'],
  [2, 'Firewall'],
  [3, 'Request'],
  [3, 'Fault'],
  [3, 'Question'],
];
const CATEGORIES: Row[] = CATEGORY_VALUES.map(([type_id, value], i) => ({ id: i + 1, type_id, value }));

const LOOKUP_TYPES_LIST = 11;
const URGENCY_LIST = 27;
const IMPACT_LIST = 28;
const LOOKUPS: Row[] = [
  { id: 1, lookupid: URGENCY_LIST, name: 'High', value_int: 1, sequence: 1 },
  { id: 2, lookupid: URGENCY_LIST, name: 'Medium', value_int: 2, sequence: 2 },
  { id: 3, lookupid: URGENCY_LIST, name: 'Low', value_int: 3, sequence: 3 },
  { id: 4, lookupid: IMPACT_LIST, name: 'Company-wide', value_int: 1, sequence: 1 },
  { id: 5, lookupid: IMPACT_LIST, name: 'Site or department', value_int: 2, sequence: 2 },
  { id: 6, lookupid: IMPACT_LIST, name: 'Single user', value_int: 3, sequence: 3 },
  {
    id: LOOKUP_TYPES_LIST,
    lookupid: LOOKUP_TYPES_LIST,
    name: 'Lookup Types',
    value_int: LOOKUP_TYPES_LIST,
    sequence: 1,
  },
  { id: URGENCY_LIST, lookupid: LOOKUP_TYPES_LIST, name: 'Urgency', value_int: URGENCY_LIST, sequence: 2 },
  { id: IMPACT_LIST, lookupid: LOOKUP_TYPES_LIST, name: 'Impact', value_int: IMPACT_LIST, sequence: 3 },
];

const OUTCOMES: Row[] = [
  { id: 1, name: 'Email User', is_private: 0 },
  { id: 2, name: 'Phone Call', is_private: 0 },
  { id: 3, name: 'Remote Session', is_private: 0 },
  { id: 4, name: 'Site Visit', is_private: 0 },
  { id: 5, name: 'Update', is_private: 0 },
  { id: 6, name: 'Close Ticket', is_private: 0 },
  { id: 7, name: 'Internal Note', is_private: 1 },
  { id: 8, name: 'Integration Update', is_private: 1 },
];

const ASSET_TYPES: Row[] = [
  { id: 1, name: 'Workstation' },
  { id: 2, name: 'Server' },
  { id: 3, name: 'Laptop' },
  { id: 4, name: 'Firewall' },
  { id: 5, name: 'Network Switch' },
  { id: 6, name: 'Printer' },
];

// Parents before children (priorities need slas; ticket types need slas, priorities and statuses).
const TABLES: Array<[string, Row[]]> = [
  ['statuses', STATUSES],
  ['slas', SLAS],
  ['priorities', PRIORITIES],
  ['ticket_types', TICKET_TYPES],
  ['categories', CATEGORIES],
  ['lookups', LOOKUPS],
  ['outcomes', OUTCOMES],
  ['asset_types', ASSET_TYPES],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const untyped = db as unknown as Kysely<Record<string, { id: number }>>;
  const now = new Date().toISOString();
  for (const [table, rows] of TABLES) {
    const existing = await untyped.selectFrom(table).select('id').execute();
    const have = new Set(existing.map((r) => Number(r.id)));
    const missing = rows
      .filter((r) => !have.has(r.id))
      .map((r) => ({ ...r, created_at: now, updated_at: now }));
    if (missing.length > 0) await untyped.insertInto(table).values(missing).execute();
    if (isPostgres(db)) {
      // Explicit ids don't advance a serial sequence; move it past the largest id present.
      await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT COALESCE(MAX(id), 1) FROM ${sql.table(table)}))`.execute(
        db,
      );
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Removes the rows this migration created; fails (by foreign key) while tickets or assets still use them.
  const untyped = db as unknown as Kysely<Record<string, { id: number }>>;
  for (const [table, rows] of [...TABLES].reverse()) {
    await untyped
      .deleteFrom(table)
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
  }
}
