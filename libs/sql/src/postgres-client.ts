import { Pool, PoolClient } from 'pg';
import { Mutex } from './mutex';
import type { SqlClient, SqlExecutor, SqlRow, SqlValue } from './sql-client';

/** `?` → `$1, $2 …`, leaving question marks inside quoted literals alone. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  let out = '';
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  return out;
}

interface Translated {
  text: string;
  uses: number;
  /** Set from the second use: PostgreSQL then keeps the statement parsed on each connection. */
  name?: string;
}

const translated = new Map<string, Translated>();
let statementNames = 0;

function pgSql(sql: string): Translated {
  let found = translated.get(sql);
  if (found === undefined) {
    found = { text: numberPlaceholders(sql), uses: 0 };
    if (translated.size < 10_000) translated.set(sql, found);
  }
  return found;
}

class PgExecutor implements SqlExecutor {
  readonly dialect = 'postgres' as const;
  constructor(private readonly runner: Pool | PoolClient) {}

  async query<T extends SqlRow = SqlRow>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return (await this.run(sql, params)).rows as T[];
  }

  async execute(sql: string, params: SqlValue[] = []): Promise<{ changes: number }> {
    return { changes: (await this.run(sql, params)).rowCount ?? 0 };
  }

  /**
   * Statements repeated with new values (a dossier read, a read model's hundred-row upsert)
   * are named prepared statements from their second use, so the server parses and plans them
   * once per connection instead of per call: the API's hot reads and a rebuild's writes spend
   * less of PostgreSQL's share of the CPU. Without parameters the text goes as it is (it may
   * hold several statements).
   */
  private async run(sql: string, params: SqlValue[]) {
    if (params.length === 0) return this.runner.query(sql);
    const statement = pgSql(sql);
    if (statement.name === undefined && ++statement.uses >= 2 && translated.get(sql) === statement) {
      statement.name = `vd_q${++statementNames}`;
    }
    return this.runner.query(statement.name ? { name: statement.name, text: statement.text, values: params } : { text: statement.text, values: params });
  }
}

export interface PostgresClientOptions {
  connectionString: string;
  /** Tables go in this schema (created if missing); tests use a fresh one per run. */
  schema?: string;
  max?: number;
}

export class PostgresClient extends PgExecutor implements SqlClient {
  private readonly lock = new Mutex();

  private constructor(private readonly pool: Pool) {
    super(pool);
  }

  static async open(options: PostgresClientOptions): Promise<PostgresClient> {
    const schema = options.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
    const pool = new Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      options: schema ? `-c search_path=${schema},public` : undefined,
    });
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    return new PostgresClient(pool);
  }

  /** Serialised per client, like the SQLite one, so both behave the same under load. */
  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(new PgExecutor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
