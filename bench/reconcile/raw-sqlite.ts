// The SQLite floor under bench/reconcile: the same 100,000 end users and their links inserted straight through
// better-sqlite3 (one prepared INSERT per row, ids allocated up front, 5,000 rows per transaction) into a
// freshly migrated database with the app's schema, indexes and pragmas — what the writes cost with no
// reconciler, no query builder and no reading at all. With --bulk, as a large first import writes: without
// end_users' lookup indexes, which are then built (the build is inside the time).
//
//   npx tsx bench/reconcile/raw-sqlite.ts [--users 100000] [--batch 5000] [--runs 3] [--bulk]
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/db/database.js';
import { END_USER_INDEXES } from '../../src/db/end-user-indexes.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/dialect/sqlite.js';
import { userAt } from '../ldap/generate-ldif.js';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '3' },
    bulk: { type: 'boolean', default: false },
  },
});
const USERS = Number(args.users);
const BATCH = Number(args.batch);
const OUS = 200;

async function once(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-bench-raw-'));
  const file = path.join(dir, 'raw.db');
  const handle = openDatabase({ sqliteFile: file });
  await migrateToLatest(handle.db);
  await handle.close();
  const db: Database.Database = openSqlite({ file });
  try {
    const now = new Date().toISOString();
    db.prepare(`insert into customers (name, created_at, updated_at) values ('Raw', ?, ?)`).run(now, now);
    const customerId = Number((db.prepare('select max(id) as id from customers').get() as { id: number }).id);
    const site = db.prepare(
      `insert into sites (customer_id, name, created_at, updated_at) values (?, ?, ?, ?)`,
    );
    const sites = Array.from({ length: OUS }, (_, k) =>
      Number(site.run(customerId, `Site ${k}`, now, now).lastInsertRowid),
    );
    const user = db.prepare(
      `insert into end_users (id, customer_id, site_id, name, inactive, firstname, surname, email, phone, title,
        department, login, created_at, updated_at) values (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const link = db.prepare(
      `insert into external_links (id, instance_id, record_type, record_id, external_id, external_name,
        last_seen_at, last_seen_run_id, content_hash, created_at, updated_at)
        values (?, 1, 'user', ?, ?, ?, ?, 1, ?, ?, ?)`,
    );
    const people = Array.from({ length: USERS }, (_, i) => userAt(i, { users: USERS, ous: OUS }));
    const t0 = performance.now();
    if (args.bulk) for (const index of END_USER_INDEXES) db.exec(`drop index ${index.name}`);
    let id = 0;
    for (let from = 0; from < USERS; from += BATCH) {
      db.exec('begin immediate');
      for (let i = from; i < Math.min(USERS, from + BATCH); i++) {
        const u = people[i] as (typeof people)[number];
        id++;
        user.run(
          id,
          customerId,
          sites[u.ouIndex],
          u.cn,
          u.givenName,
          u.sn,
          u.mail,
          u.telephoneNumber,
          u.title,
          u.departmentNumber,
          u.uid,
          now,
          now,
        );
        link.run(id, id, `corp:${crypto.randomUUID()}`, u.cn, now, 'x'.repeat(32), now, now);
      }
      db.exec('commit');
    }
    if (args.bulk) {
      db.exec('begin immediate');
      for (const index of END_USER_INDEXES)
        db.exec(`create index ${index.name} on end_users ${index.columns}`);
      db.exec('commit');
    }
    return (performance.now() - t0) / 1000;
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (let r = 0; r < Number(args.runs); r++) {
  const seconds = await once();
  console.log(
    `run ${r + 1}: ${USERS.toLocaleString()} users + links in ${seconds.toFixed(2)} s = ${Math.round(USERS / seconds).toLocaleString()} rows/s (${BATCH} per transaction${args.bulk ? ', indexes built after' : ''})`,
  );
}
