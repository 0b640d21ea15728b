import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Mutex } from './mutex';
import type { SqlClient, SqlExecutor, SqlRow, SqlValue } from './sql-client';

function bind(params: SqlValue[]): unknown[] {
  // better-sqlite3 takes no booleans.
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

/**
 * Compiled statements by SQL text. Stores, read models and the checkpointer run the same
 * short statements over and over, and compiling one costs as much as running it. Read models
 * write in multi-row upserts of a few fixed sizes, which are kept too; longer statements are
 * compiled each time (their compile cost is spread over their rows, and their bytecode would
 * hold megabytes here). Bounded, oldest out, so ad-hoc SQL cannot grow it forever.
 */
const DDL = /^\s*(CREATE|DROP|ALTER|PRAGMA|VACUUM|ANALYZE|ATTACH|DETACH)\b/i;

const MAX_CACHED_SQL = 8192;

class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();
  constructor(
    private readonly db: Database.Database,
    private readonly max = 256,
  ) {}

  get(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement) return statement;
    statement = this.db.prepare(sql);
    if (sql.length > MAX_CACHED_SQL) return statement;
    if (this.statements.size >= this.max) this.statements.delete(this.statements.keys().next().value!);
    this.statements.set(sql, statement);
    return statement;
  }

  clear(): void {
    this.statements.clear();
  }
}

class SqliteExecutor implements SqlExecutor {
  readonly dialect = 'sqlite' as const;
  constructor(
    protected readonly db: Database.Database,
    protected readonly statements: StatementCache = new StatementCache(db),
  ) {}

  async query<T extends SqlRow = SqlRow>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.statements.get(sql).all(...bind(params)) as T[];
  }

  async execute(sql: string, params: SqlValue[] = []): Promise<{ changes: number }> {
    if (params.length === 0 && /;\s*\S/.test(sql)) {
      this.db.exec(sql);
      return { changes: 0 };
    }
    // DDL is run once and may invalidate what it touches: never cached.
    if (DDL.test(sql)) return { changes: this.db.prepare(sql).run(...bind(params)).changes };
    return { changes: this.statements.get(sql).run(...bind(params)).changes };
  }
}

/**
 * better-sqlite3 is synchronous, so an async transaction is BEGIN … COMMIT on the one
 * connection with a mutex around it: no other statement from this client runs in between.
 */
export class SqliteClient extends SqliteExecutor implements SqlClient {
  private readonly lock = new Mutex();

  static open(path: string): SqliteClient {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    // Read-model documents run to a few kB: on 4 kB pages most of them take a page (or an
    // overflow chain) each. 16 kB pages made a full rebuild ~20 % faster with 40 % less system
    // time (BENCHMARKS.md); larger ones gain a little more but cost every small live write a
    // larger WAL frame. Only a new file takes it (WAL mode fixes the size); an old one keeps
    // its own until VACUUM.
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    return new SqliteClient(db);
  }

  override async query<T extends SqlRow = SqlRow>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.lock.run(() => super.query<T>(sql, params));
  }

  override async execute(sql: string, params: SqlValue[] = []): Promise<{ changes: number }> {
    return this.lock.run(() => super.execute(sql, params));
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(new SqliteExecutor(this.db, this.statements));
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.lock.run(async () => {
      this.statements.clear();
      this.db.close();
    });
  }
}
