// A (name, inactive) index on both dialects, and, on SQLite only, a trigram full-text index over the names of ACTIVE customers, so the Halo client search
// (`GET /api/Client?search=…`, case-insensitive substring) is answered from an index instead of scanning
// every customer twice (once for the page, once for record_count). Contentless (names live in customers
// only); triggers keep it in step with inserts, renames, (de)activation and deletes. PostgreSQL needs no
// table here: its ILIKE scan is served by the planner as is.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Covers the active filter next to the name, so walking names in order (page by name) reads no table rows
  // until a row matches.
  await db.schema
    .createIndex('customers_name_inactive_idx')
    .on('customers')
    .columns(['name', 'inactive'])
    .execute();
  if (isPostgres(db)) return;
  await sql`CREATE VIRTUAL TABLE customer_search USING fts5(name, content='', contentless_delete=1, tokenize='trigram')`.execute(
    db,
  );
  await sql`INSERT INTO customer_search(rowid, name) SELECT id, name FROM customers WHERE inactive = 0`.execute(
    db,
  );
  await sql`CREATE TRIGGER customer_search_ai AFTER INSERT ON customers WHEN new.inactive = 0 BEGIN
      INSERT INTO customer_search(rowid, name) VALUES (new.id, new.name);
    END`.execute(db);
  await sql`CREATE TRIGGER customer_search_au AFTER UPDATE OF name, inactive ON customers BEGIN
      DELETE FROM customer_search WHERE rowid = old.id AND old.inactive = 0;
      INSERT INTO customer_search(rowid, name) SELECT new.id, new.name WHERE new.inactive = 0;
    END`.execute(db);
  await sql`CREATE TRIGGER customer_search_ad AFTER DELETE ON customers WHEN old.inactive = 0 BEGIN
      DELETE FROM customer_search WHERE rowid = old.id;
    END`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('customers_name_inactive_idx').ifExists().execute();
  if (isPostgres(db)) return;
  for (const t of ['customer_search_ai', 'customer_search_au', 'customer_search_ad'])
    await sql`DROP TRIGGER IF EXISTS ${sql.raw(t)}`.execute(db);
  await sql`DROP TABLE IF EXISTS customer_search`.execute(db);
}
