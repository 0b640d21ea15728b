import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PostgresClient, SqliteClient, type SqlClient } from '@vinhdanh/sql';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type Dialect = 'sqlite' | 'postgres';
export interface TestSql {
  client: SqlClient;
  /** The SQLite file, or the PostgreSQL schema. */
  where: string;
  cleanup(): Promise<void>;
}

/** A fresh SQLite file or PostgreSQL schema per suite (the same recipe as libs/sql's tests). */
export async function testSql(dialect: Dialect): Promise<TestSql> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'vinhdanh-proj-'));
    const file = join(dir, 'read.db');
    const client = SqliteClient.open(file);
    return {
      client,
      where: file,
      async cleanup() {
        await client.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `p_${randomBytes(6).toString('hex')}`;
  const client = await PostgresClient.open({ connectionString: TEST_DATABASE_URL, schema, max: 4 });
  return {
    client,
    where: schema,
    async cleanup() {
      await client.close();
      const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    },
  };
}
