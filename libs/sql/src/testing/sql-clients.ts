import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PostgresClient } from '../postgres-client';
import { SqliteClient } from '../sqlite-client';
import type { SqlClient } from '../sql-client';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSqlClient {
  client: SqlClient;
  cleanup(): Promise<void>;
}

/** A fresh SQLite file or a fresh PostgreSQL schema, so suites never see each other's rows. */
export const testSqlClients: Record<'sqlite' | 'postgres', () => Promise<TestSqlClient>> = {
  async sqlite() {
    const dir = mkdtempSync(join(tmpdir(), 'vinhdanh-sql-'));
    const client = SqliteClient.open(join(dir, 'read.db'));
    return {
      client,
      async cleanup() {
        await client.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  async postgres() {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const client = await PostgresClient.open({ connectionString: TEST_DATABASE_URL, schema, max: 4 });
    return {
      client,
      async cleanup() {
        await client.close();
        const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
        await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await pool.end();
      },
    };
  },
};
