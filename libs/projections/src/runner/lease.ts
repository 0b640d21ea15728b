import { Client } from 'pg';
import { Mutex, type SqlClient, type SqlExecutor } from '@vinhdanh/sql';
import { ensureMetaTables } from '../core/schema';

export class LeaseLost extends Error {
  readonly code = 'PROJECTION_LEASE_LOST';
  constructor(readonly projection: string) {
    super(`this runner no longer holds the lease on ${projection}`);
  }
}

/**
 * One active runner per projection. `acquire` is tried at start and retried while another
 * process holds the lease; `assertHeld` runs inside every batch transaction, so a runner that
 * lost its lease (expired, connection gone) cannot commit even if it has not noticed yet.
 */
export interface ProjectionLease {
  readonly holder: string;
  acquire(name: string): Promise<boolean>;
  assertHeld(tx: SqlExecutor, name: string): Promise<void>;
  /** Keeps the lease while idle; throws LeaseLost when it is gone. */
  renew(name: string): Promise<void>;
  release(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A lease row with an expiry: for SQLite, where separate processes share a file and nothing
 * else. A crashed holder's lease lapses after `ttlMs`.
 */
export class LeaseRow implements ProjectionLease {
  constructor(
    private readonly sql: SqlClient,
    readonly holder: string,
    private readonly ttlMs = 15_000,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(name: string): Promise<boolean> {
    await ensureMetaTables(this.sql);
    return this.sql.transaction(async (tx) => {
      const now = this.now();
      await tx.execute(
        `INSERT INTO projection_leases (name, holder, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE projection_leases.holder = excluded.holder OR projection_leases.expires_at < ?`,
        [name, this.holder, now + this.ttlMs, now],
      );
      const [row] = await tx.query<{ holder: string }>('SELECT holder FROM projection_leases WHERE name = ?', [name]);
      return row?.holder === this.holder;
    });
  }

  async assertHeld(tx: SqlExecutor, name: string): Promise<void> {
    const now = this.now();
    const renewed = await tx.execute('UPDATE projection_leases SET expires_at = ? WHERE name = ? AND holder = ? AND expires_at >= ?', [
      now + this.ttlMs,
      name,
      this.holder,
      now,
    ]);
    if (renewed.changes !== 1) throw new LeaseLost(name);
  }

  async renew(name: string): Promise<void> {
    await this.sql.transaction((tx) => this.assertHeld(tx, name));
  }

  async release(name: string): Promise<void> {
    await this.sql.execute('DELETE FROM projection_leases WHERE name = ? AND holder = ?', [name, this.holder]);
  }

  async close(): Promise<void> {}
}

const LOCK_SPACE = 0x5644; // "VD": keeps our advisory locks apart from other users of the database

/**
 * PostgreSQL session advisory locks on a connection of their own: the lock lives exactly as
 * long as that connection, so a killed worker frees it at once. Batch transactions run on
 * other connections, so they check pg_locks that our lock connection still holds the lock.
 */
export class PgAdvisoryLease implements ProjectionLease {
  private client: Client | null = null;
  private pid = 0;
  private readonly held = new Set<string>();
  /**
   * Every projection loop of a runner shares this one session (its locks live there), and each
   * renews on its own timer; one query at a time on it, since pg 9 drops the client's own queue.
   */
  private readonly oneAtATime = new Mutex();

  /** `scope` (e.g. the schema) keeps deployments that share a database from excluding each other. */
  constructor(
    private readonly connectionString: string,
    readonly holder: string,
    private readonly scope = '',
  ) {}

  private key(name: string): string {
    return `${this.scope}/${name}`;
  }

  private connecting: Promise<Client> | null = null;

  /** One connection for all of this holder's locks, opened once even when asked concurrently. */
  private connection(): Promise<Client> {
    if (!this.connecting) {
      const client = new Client({ connectionString: this.connectionString });
      client.on('error', () => {
        // The server dropped us: every lock is gone with the session.
        this.held.clear();
        this.client = null;
        this.connecting = null;
      });
      this.connecting = (async () => {
        await client.connect();
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        this.pid = rows[0].pid;
        this.client = client;
        return client;
      })();
      this.connecting.catch(() => (this.connecting = null));
    }
    return this.connecting;
  }

  async acquire(name: string): Promise<boolean> {
    if (this.held.has(name)) return true;
    const client = await this.connection();
    const { rows } = await this.oneAtATime.run(() =>
      client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [LOCK_SPACE, this.key(name)]),
    );
    if (rows[0].ok) this.held.add(name);
    return rows[0].ok;
  }

  async assertHeld(tx: SqlExecutor, name: string): Promise<void> {
    if (!this.held.has(name)) throw new LeaseLost(name);
    const found = await tx.query(
      `SELECT 1 AS held FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = ? AND classid = ?::bigint::oid
         AND objid = ((hashtext(?)::bigint + 4294967296) % 4294967296)::oid AND objsubid = 2`,
      [this.pid, LOCK_SPACE, this.key(name)],
    );
    if (found.length !== 1) throw new LeaseLost(name);
  }

  async renew(name: string): Promise<void> {
    const client = this.client;
    if (!this.held.has(name) || !client) throw new LeaseLost(name);
    await this.oneAtATime.run(() => client.query('SELECT 1'));
  }

  async release(name: string): Promise<void> {
    const client = this.client;
    if (!this.held.delete(name) || !client) return;
    await this.oneAtATime.run(() => client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_SPACE, this.key(name)]));
  }

  async close(): Promise<void> {
    this.held.clear();
    const client = this.client;
    this.client = null;
    this.connecting = null;
    await client?.end();
  }
}
