import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createEventStore, PostgresEventStore, type EventStore } from '@vinhdanh/event-store';
import { PostgresClient, SqliteClient, type SqlClient } from '@vinhdanh/sql';

const connectionString = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface WorkflowBackend {
  store: EventStore;
  sql: SqlClient;
  cleanup(): Promise<void>;
}

/** A fresh log and a fresh SQL database per suite: a temp SQLite file, or a new PostgreSQL schema. */
export const workflowBackends: Record<'sqlite' | 'postgres', () => Promise<WorkflowBackend>> = {
  async sqlite() {
    const dir = mkdtempSync(join(tmpdir(), 'vinhdanh-app-'));
    const store = createEventStore({ backend: 'sqlite', sqlitePath: join(dir, 'events.db') });
    // Beside the log, as openSqlClient places it; the ballot box must not need the log's database.
    const sql = SqliteClient.open(join(dir, 'events.read.db'));
    return {
      store,
      sql,
      async cleanup() {
        await store.close();
        await sql.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  async postgres() {
    const schema = `app_test_${randomBytes(6).toString('hex')}`;
    const store = new PostgresEventStore({ connectionString, schema, pollIntervalMs: 50 });
    await store.whenReady();
    const sqlSchema = `app_sql_${randomBytes(6).toString('hex')}`;
    const sql = await PostgresClient.open({ connectionString, schema: sqlSchema, max: 4 });
    return {
      store,
      sql,
      async cleanup() {
        await store.close();
        await sql.close();
        const client = new Client({ connectionString });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await client.query(`DROP SCHEMA IF EXISTS "${sqlSchema}" CASCADE`);
        } finally {
          await client.end();
        }
      },
    };
  },
};
