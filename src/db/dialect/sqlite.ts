// SQLite through better-sqlite3: the embedded default. One connection per process (SQLite serialises writers
// anyway), WAL so readers never block the writer, a busy timeout for other processes (the integrator), and
// transactions that start with BEGIN IMMEDIATE: a deferred transaction that upgrades from read to write can
// fail with SQLITE_BUSY without ever waiting on the busy handler.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { MAX_SPREAD_PARAMS, rowsOf } from './row-batch.js';

export interface SqliteOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
  busyTimeoutMs?: number;
}

export function openSqlite(options: SqliteOptions): Database.Database {
  if (options.file !== ':memory:') fs.mkdirSync(path.dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  db.pragma('synchronous = NORMAL');
  // A checkpoint copies the WAL back into the database file and syncs it. At the default (every 1,000 pages,
  // 4 MB) a large import checkpointed every few commits and rewrote the same hot index pages each time; at
  // 10,000 pages (40 MB) it checkpoints a tenth as often. The size limit truncates the WAL file afterwards.
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  db.pragma('foreign_keys = ON');
  return db;
}

export class SqliteDialect implements Dialect {
  constructor(private readonly database: Database.Database) {}
  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new SqliteDriver(this.database);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

class SqliteDriver implements Driver {
  private readonly connection: SqliteConnection;
  private readonly mutex = new Mutex();
  constructor(private readonly database: Database.Database) {
    this.connection = new SqliteConnection(database);
  }
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection;
  }
  async beginTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    // A failed COMMIT (SQLITE_BUSY) can leave no transaction open; rolling back then is not an error.
    if (this.database.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection() {
    this.mutex.unlock();
  }
  async destroy() {
    this.database.close();
  }
}

/** Executes compiled queries, reusing prepared statements (preparing is a large share of a small query). */
class SqliteConnection implements DatabaseConnection {
  private readonly statements = new Map<string, Database.Statement>();
  constructor(private readonly database: Database.Database) {}

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.database.prepare(sql);
      if (this.statements.size >= 500) this.statements.delete(this.statements.keys().next().value as string);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.prepare(compiled.sql);
    const batch = rowsOf(compiled);
    if (batch) {
      let changes = 0;
      for (const row of batch) changes += stmt.run(...args(row)).changes;
      return Promise.resolve({ numAffectedRows: BigInt(changes), rows: [] });
    }
    const params = compiled.parameters;
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(...args(params)) as R[] });
    const { changes, lastInsertRowid } = stmt.run(...args(params));
    return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error('SQLite can only stream SELECT queries');
    const stmt = this.database.prepare(compiled.sql);
    for (const row of stmt.iterate(compiled.parameters as unknown[])) yield { rows: [row as R] };
  }
}

/**
 * better-sqlite3 binds an array argument element by element through V8's generic property lookup, but reads
 * separate arguments straight off the call: 200,000 rows of 20 values bound in 1.0–1.35 s as arrays and in
 * 0.7 s spread. Spreading puts every value on the stack, so a long parameter list (a bulk insert's 30,000)
 * still goes as one array.
 */
/** The statement's arguments: the parameters one by one, or a long list as its one array argument. */
const args = (params: readonly unknown[]): readonly unknown[] =>
  params.length <= MAX_SPREAD_PARAMS ? params : [params];

class Mutex {
  private queue: (() => void)[] = [];
  private locked = false;
  async lock(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }
  unlock(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.locked = false;
  }
}
