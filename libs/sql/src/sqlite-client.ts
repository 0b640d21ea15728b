import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Mutex } from './mutex';
import type { SqlClient, SqlExecutor, SqlRow, SqlValue } from './sql-client';

function bind(params: SqlValue[]): unknown[] {
  // better-sqlite3 takes no booleans.
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

class SqliteExecutor implements SqlExecutor {
  readonly dialect = 'sqlite' as const;
  constructor(protected readonly db: Database.Database) {}

  async query<T extends SqlRow = SqlRow>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.db.prepare(sql).all(...bind(params)) as T[];
  }

  async execute(sql: string, params: SqlValue[] = []): Promise<{ changes: number }> {
    if (params.length === 0 && /;\s*\S/.test(sql)) {
      this.db.exec(sql);
      return { changes: 0 };
    }
    return { changes: this.db.prepare(sql).run(...bind(params)).changes };
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
        const result = await work(new SqliteExecutor(this.db));
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.lock.run(async () => this.db.close());
  }
}
