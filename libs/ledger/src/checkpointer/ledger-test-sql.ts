/** Test helper (not exported from the library): fresh databases and chained synthetic logs. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PostgresClient, type SqlClient, SqliteClient } from '@vinhdanh/sql';
import { chainHash, GENESIS_HASH } from '../hash-chain';
import type { LedgerEvent } from '../verify/event-digests';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface LedgerTestSql {
  sql: SqlClient;
  /** Opens a second client on the same database (a restarted worker). */
  reopen(): Promise<SqlClient>;
  cleanup(): Promise<void>;
}

/** A fresh SQLite file or PostgreSQL schema per test. */
export const ledgerTestSql: Record<'sqlite' | 'postgres', () => Promise<LedgerTestSql>> = {
  async sqlite() {
    const dir = mkdtempSync(join(tmpdir(), 'vinhdanh-ledger-'));
    const path = join(dir, 'read.db');
    const opened: SqlClient[] = [SqliteClient.open(path)];
    return {
      sql: opened[0],
      async reopen() {
        const client = SqliteClient.open(path);
        opened.push(client);
        return client;
      },
      async cleanup() {
        for (const c of opened) await c.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  async postgres() {
    const schema = `ledger_${randomBytes(6).toString('hex')}`;
    const open = () => PostgresClient.open({ connectionString: TEST_DATABASE_URL, schema, max: 2 });
    const opened: SqlClient[] = [await open()];
    return {
      sql: opened[0],
      async reopen() {
        const client = await open();
        opened.push(client);
        return client;
      },
      async cleanup() {
        for (const c of opened) await c.close().catch(() => undefined);
        const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
        await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await pool.end();
      },
    };
  },
};

/** A chained log of `count` events; `typeAt(i)` picks each event's type. */
export function chainedEvents(count: number, typeAt: (i: number) => string = () => 'EvaluationScored', from = 0, prev: Buffer = GENESIS_HASH): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  let head = prev;
  for (let i = from; i < from + count; i++) {
    const fields = {
      position: i,
      streamId: `nomination-n${Math.floor(i / 10)}`,
      revision: i % 10,
      eventId: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      type: typeAt(i),
      data: { nominationId: `n${Math.floor(i / 10)}`, i },
      metadata: { actor: { id: 'u-1', roles: [] }, correlationId: `c-${i}`, recordedAt: '2026-11-26T08:00:00.000Z' },
    };
    head = chainHash(head, fields);
    events.push({ ...fields, hash: head.toString('hex') });
  }
  return events;
}
