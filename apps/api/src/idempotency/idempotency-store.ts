import type { SqlClient } from '@vinhdanh/sql';

export type IdempotencyRecord =
  | { state: 'pending'; requestHash: string; createdAt: string }
  | { state: 'done'; requestHash: string; createdAt: string; statusCode: number; body: unknown };

export type Claim = { owned: true } | { owned: false; record: IdempotencyRecord };

interface Row extends Record<string, unknown> {
  request_hash: string;
  state: string;
  status_code: number | string | null;
  response: string | null;
  created_at: string;
}

/**
 * Idempotency keys, in the same database as the read models so they survive a restart.
 * The primary key (scope, key) is what makes two concurrent duplicates safe: only one INSERT
 * wins the claim; the other sees the row and waits for its answer.
 */
export class IdempotencyStore {
  private ready: Promise<void> | undefined;

  constructor(private readonly sql: SqlClient) {}

  init(): Promise<void> {
    this.ready ??= this.sql
      .execute(
        `CREATE TABLE IF NOT EXISTS api_idempotency_keys (
          scope TEXT NOT NULL,
          idem_key TEXT NOT NULL,
          request_hash TEXT NOT NULL,
          state TEXT NOT NULL,
          status_code INTEGER,
          response TEXT,
          created_at TEXT NOT NULL,
          PRIMARY KEY (scope, idem_key)
        )`,
      )
      // The purge of old keys finds them by age.
      .then(() => this.sql.execute('CREATE INDEX IF NOT EXISTS api_idempotency_keys_created ON api_idempotency_keys (created_at)'))
      .then(() => undefined);
    return this.ready;
  }

  /**
   * `now` is wall-clock time (ISO-8601, UTC). A pending claim older than `staleBefore` belongs
   * to a process that died mid-request: it is taken over. That is safe because the command
   * carries the same Idempotency-Key, and the command runner answers a command whose events
   * are already in the log as a replay instead of writing them again.
   */
  async claim(scope: string, key: string, requestHash: string, now: string, staleBefore?: string): Promise<Claim> {
    await this.init();
    const { changes } = await this.sql.execute(
      `INSERT INTO api_idempotency_keys (scope, idem_key, request_hash, state, created_at) VALUES (?, ?, ?, 'pending', ?)
       ON CONFLICT (scope, idem_key) DO NOTHING`,
      [scope, key, requestHash, now],
    );
    if (changes === 1) return { owned: true };
    const record = await this.find(scope, key);
    // The owner failed and released the key between our INSERT and SELECT: try once more.
    if (!record) return this.claim(scope, key, requestHash, now, staleBefore);
    if (record.state === 'pending' && record.requestHash === requestHash && staleBefore !== undefined && record.createdAt < staleBefore) {
      const taken = await this.sql.execute(
        `UPDATE api_idempotency_keys SET created_at = ? WHERE scope = ? AND idem_key = ? AND state = 'pending' AND created_at = ?`,
        [now, scope, key, record.createdAt],
      );
      if (taken.changes === 1) return { owned: true };
    }
    return { owned: false, record };
  }

  async find(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    await this.init();
    const rows = await this.sql.query<Row>(
      'SELECT request_hash, state, status_code, response, created_at FROM api_idempotency_keys WHERE scope = ? AND idem_key = ?',
      [scope, key],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.state === 'done') {
      return {
        state: 'done',
        requestHash: row.request_hash,
        createdAt: row.created_at,
        statusCode: Number(row.status_code),
        body: row.response === null ? null : (JSON.parse(row.response) as unknown),
      };
    }
    return { state: 'pending', requestHash: row.request_hash, createdAt: row.created_at };
  }

  async complete(scope: string, key: string, statusCode: number, body: unknown): Promise<void> {
    await this.sql.execute(`UPDATE api_idempotency_keys SET state = 'done', status_code = ?, response = ? WHERE scope = ? AND idem_key = ?`, [
      statusCode,
      JSON.stringify(body ?? null),
      scope,
      key,
    ]);
  }

  /** Forgets answered keys created before `cutoff` (ISO-8601); pending claims are left to their owners. Returns how many. */
  async purgeBefore(cutoff: string): Promise<number> {
    await this.init();
    return (await this.sql.execute(`DELETE FROM api_idempotency_keys WHERE state = 'done' AND created_at < ?`, [cutoff])).changes;
  }

  /** The command failed: nothing was written, so a retry with this key should run it afresh. */
  async release(scope: string, key: string): Promise<void> {
    await this.sql.execute(`DELETE FROM api_idempotency_keys WHERE scope = ? AND idem_key = ? AND state = 'pending'`, [scope, key]);
  }
}
