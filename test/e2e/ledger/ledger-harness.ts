import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { Client, Pool } from 'pg';
import { type EventStore, type JsonValue, PostgresEventStore, SqliteEventStore } from '@vinhdanh/event-store';
import {
  chainHash,
  Checkpointer,
  GENESIS_HASH,
  type LedgerLog,
  type PublishedReadModels,
  readBundle,
  type ReadModelRecompute,
  SigningKey,
  type VerificationReport,
  verifyBundle,
  writeBundle,
} from '@vinhdanh/ledger';
import { PostgresClient, type SqlClient, SqliteClient } from '@vinhdanh/sql';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ORIGIN = 'vinhdanh.test/ledger';
export const quiet: LedgerLog = () => undefined;

/** Raw access to the events table, as an intruder with the database password would have. */
export interface EventRow {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: JsonValue;
  metadata: JsonValue;
  hash: Buffer;
}

export interface Intruder {
  exec(sql: string, params?: unknown[]): Promise<void>;
  row(position: number): Promise<EventRow>;
  /** Rewrites one row whole (hash included), as a careful intruder would. */
  write(row: EventRow): Promise<void>;
  /** Recomputes every stored hash from `position` on, so the chain is valid again over the forged history. */
  rechainFrom(position: number): Promise<void>;
}

const SELECT_ROW = 'SELECT position, stream_id, revision, event_id, type, data, metadata, hash FROM events WHERE position = $1';
const UPDATE_ROW = 'UPDATE events SET stream_id = $1, revision = $2, event_id = $3, type = $4, data = $5, metadata = $6, hash = $7 WHERE position = $8';

function toEventRow(r: Record<string, unknown>): EventRow {
  const json = (v: unknown): JsonValue => (typeof v === 'string' ? JSON.parse(v) : (v as JsonValue));
  return {
    position: Number(r.position),
    streamId: String(r.stream_id),
    revision: Number(r.revision),
    eventId: String(r.event_id),
    type: String(r.type),
    data: json(r.data),
    metadata: json(r.metadata),
    hash: r.hash as Buffer,
  };
}

function intruderOver(exec: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>): Intruder {
  const intruder: Intruder = {
    async exec(text, params = []) {
      await exec(text, params);
    },
    async row(position) {
      const [r] = await exec(SELECT_ROW, [position]);
      if (!r) throw new Error(`no event at ${position}`);
      return toEventRow(r);
    },
    async write(row) {
      await exec(UPDATE_ROW, [row.streamId, row.revision, row.eventId, row.type, JSON.stringify(row.data), JSON.stringify(row.metadata), row.hash, row.position]);
    },
    async rechainFrom(position) {
      let prev = position === 0 ? GENESIS_HASH : (await intruder.row(position - 1)).hash;
      const rows = (await exec('SELECT position, stream_id, revision, event_id, type, data, metadata, hash FROM events WHERE position >= $1 ORDER BY position', [position])).map(toEventRow);
      for (const row of rows) {
        prev = chainHash(prev, row);
        await intruder.write({ ...row, hash: prev });
      }
    },
  };
  return intruder;
}

export interface LedgerBackend {
  name: 'sqlite' | 'postgres';
  store: EventStore;
  sql: SqlClient;
  dir: string;
  intruder: Intruder;
  cleanup(): Promise<void>;
}

export async function openBackend(name: 'sqlite' | 'postgres'): Promise<LedgerBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'vinhdanh-ledger-e2e-'));
  if (name === 'sqlite') {
    const path = join(dir, 'events.db');
    const store = new SqliteEventStore({ path, pollIntervalMs: 20 });
    const sql = SqliteClient.open(join(dir, 'events.read.db'));
    const withDb = <T>(work: (db: Database.Database) => T): T => {
      const db = new Database(path);
      try {
        db.pragma('busy_timeout = 5000');
        return work(db);
      } finally {
        db.close();
      }
    };
    return {
      name,
      store,
      sql,
      dir,
      intruder: intruderOver(async (text, params) =>
        withDb((db) => {
          const statement = db.prepare(text.replace(/\$\d+/g, '?'));
          return statement.reader ? (statement.all(...params) as Record<string, unknown>[]) : (statement.run(...params), []);
        }),
      ),
      async cleanup() {
        await store.close();
        await sql.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `ledger_e2e_${randomBytes(5).toString('hex')}`;
  const store = new PostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, pollIntervalMs: 20 });
  await store.whenReady();
  const sql = await PostgresClient.open({ connectionString: TEST_DATABASE_URL, schema: `${schema}_read`, max: 2 });
  const withClient = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  };
  return {
    name,
    store,
    sql,
    dir,
    // data and metadata are json columns: read them back as text, so nothing is re-serialised on the way.
    intruder: intruderOver(async (text, params) =>
      withClient(async (c) => (await c.query(text.replace(/\bFROM events\b|\bUPDATE events\b/, (m) => m.replace('events', `"${schema}".events`)), params)).rows),
    ),
    async cleanup() {
      await store.close();
      await sql.close();
      const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}_read" CASCADE`);
      await pool.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the checkpointer over everything in the log (as the worker's subscription would), then signs the head. */
export async function catchUp(cp: Checkpointer, store: EventStore): Promise<void> {
  let batch = [];
  for await (const e of store.readAll({ fromPosition: cp.size })) {
    batch.push(e);
    if (batch.length === 100) {
      await cp.handle(batch);
      batch = [];
    }
  }
  if (batch.length) await cp.handle(batch);
  await cp.signNow();
}

export async function openCheckpointer(b: LedgerBackend, key: SigningKey, everyEvents = 40): Promise<Checkpointer> {
  return Checkpointer.open({ sql: b.sql, key, everyEvents, log: quiet });
}

export async function exportBundle(
  b: LedgerBackend,
  file = join(b.dir, `bundle-${randomBytes(3).toString('hex')}.ndjson`),
  readModels?: PublishedReadModels,
  campaignId?: string,
): Promise<string> {
  const out = createWriteStream(file);
  await writeBundle(out, { sql: b.sql, log: b.store, readModels, campaignId });
  out.end();
  await finished(out);
  return file;
}

export function verifyFile(file: string, options: { trustedKeys?: string[]; recompute?: ReadModelRecompute } = {}): Promise<VerificationReport> {
  return verifyBundle(readBundle(file), options);
}

/** The failed checks of a report, as `id: CODE@position`, so a test names exactly what must be caught. */
export function failures(report: VerificationReport): string[] {
  return report.checks.filter((c) => !c.ok).map((c) => `${c.id}: ${c.failure?.code}${c.failure?.position === undefined ? '' : `@${c.failure.position}`}`);
}

/** Rewrites a bundle file line by line (a doctored bundle, not a doctored database). */
export function rewriteBundle(file: string, edit: (lines: Array<Record<string, unknown>>) => Array<Record<string, unknown>>, out = `${file}.doctored`): string {
  const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  writeFileSync(out, `${edit(lines).map((l) => JSON.stringify(l)).join('\n')}\n`);
  return out;
}
