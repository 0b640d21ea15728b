/**
 * The one way derived data (read models, ballot box, idempotency keys, personal data) reaches
 * SQLite or PostgreSQL. SQL is written once with `?` placeholders and the portable subset both
 * speak (INSERT … ON CONFLICT … DO UPDATE, TEXT for JSON, BIGINT/INTEGER for numbers); the
 * PostgreSQL client numbers the placeholders.
 */
export type SqlValue = string | number | bigint | boolean | null | Buffer;
export type SqlRow = Record<string, unknown>;

export interface SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  query<T extends SqlRow = SqlRow>(sql: string, params?: SqlValue[]): Promise<T[]>;
  execute(sql: string, params?: SqlValue[]): Promise<{ changes: number }>;
}

export interface SqlClient extends SqlExecutor {
  /**
   * Everything `work` does commits together or not at all. Transactions on one client are
   * serialised, so nothing else on this client interleaves with them.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
