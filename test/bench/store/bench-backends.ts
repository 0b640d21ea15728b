import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { dumbo } from '@event-driven-io/dumbo';
import { STREAM_DOES_NOT_EXIST, type Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { PostgresEventStore, SqliteEventStore, type EventStore, type ExpectedRevision } from '@vinhdanh/event-store';
import type { benchEvent } from './bench-event';

export const BACKENDS = ['sqlite', 'postgres', 'emmett-postgres'] as const;
export type BackendName = (typeof BACKENDS)[number];

type BenchEvent = ReturnType<typeof benchEvent>;

/** What the workload needs from a store; `version` is opaque, undefined for a new stream. */
export interface BenchBackend {
  append(streamId: string, event: BenchEvent, version: unknown): Promise<unknown>;
  /** Waits, untimed, until every appended event is readable (only Emmett needs to). */
  settle?(): Promise<void>;
  /** Reads the whole log in order, returns how many events it saw. */
  readAll(): Promise<number>;
  close(): Promise<void>;
}

export interface BackendSettings {
  databaseUrl: string;
  sqliteDir?: string;
  writers: number;
}

export async function openBackend(name: BackendName, settings: BackendSettings): Promise<BenchBackend> {
  switch (name) {
    case 'sqlite': {
      const dir = mkdtempSync(join(settings.sqliteDir ?? tmpdir(), 'vinhdanh-bench-'));
      const store = new SqliteEventStore({ path: join(dir, 'events.db') });
      return ourStore(store, async () => rmSync(dir, { recursive: true, force: true }));
    }
    case 'postgres': {
      const schema = `bench_${randomBytes(5).toString('hex')}`;
      const store = new PostgresEventStore({ connectionString: settings.databaseUrl, schema });
      await store.whenReady();
      return ourStore(store, () => dropSchema(settings.databaseUrl, schema));
    }
    case 'emmett-postgres':
      return emmett(settings);
  }
}

function ourStore(store: EventStore, cleanup: () => Promise<void>): BenchBackend {
  return {
    async append(streamId, event, version) {
      const expected: ExpectedRevision = version === undefined ? 'no_stream' : (version as number);
      return (await store.append(streamId, [event], expected)).nextExpectedRevision;
    },
    async readAll() {
      let count = 0;
      for await (const _event of store.readAll({ batchSize: 1000 })) count += 1;
      return count;
    },
    async close() {
      await store.close();
      await cleanup();
    },
  };
}

/**
 * Emmett's PostgreSQL event store, as its docs set it up, in a schema of its own (through
 * search_path, since Emmett's tables are unqualified). It gets a connection per writer so
 * each append can run in its own transaction concurrently, which is how Emmett scales.
 */
async function emmett(settings: BackendSettings): Promise<BenchBackend> {
  const schema = `bench_emmett_${randomBytes(5).toString('hex')}`;
  await withClient(settings.databaseUrl, (c) => c.query(`CREATE SCHEMA "${schema}"`));
  const url = new URL(settings.databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const connectionString = url.toString();
  const pool = new Pool({ connectionString, max: Math.max(settings.writers, 2) });
  const db = dumbo({ connectionString, pool, pooled: true });
  const store = getPostgreSQLEventStore(connectionString, { connectionOptions: { dumbo: db } });
  await store.schema.migrate();
  return {
    async append(streamId, event, version) {
      const result = await store.appendToStream<Event>(
        streamId,
        [{ type: event.type, data: event.data, metadata: { ...event.metadata, eventId: event.eventId } } as Event],
        { expectedStreamVersion: version === undefined ? STREAM_DOES_NOT_EXIST : (version as bigint) },
      );
      return result.nextExpectedStreamVersion;
    },
    /**
     * Emmett hides messages whose transaction is not older than the oldest transaction still
     * running anywhere on the server (its answer to visible gaps). On a shared server that can
     * hold back the tail of the log for a while after the appends finish; wait for it here.
     */
    async settle() {
      const deadline = Date.now() + 120_000;
      for (;;) {
        const { rows } = await pool.query<{ settled: boolean }>(
          'SELECT coalesce(max(transaction_id) < pg_snapshot_xmin(pg_current_snapshot()), true) AS settled FROM emt_messages',
        );
        if (rows[0]!.settled) return;
        if (Date.now() > deadline) throw new Error('emmett-postgres: the tail of the log stayed invisible for 2 minutes');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async readAll() {
      // Emmett orders a batch by transaction id, then position, and pages on the last message's
      // position, as its own consumer does; when transactions committed out of position order
      // that re-delivers some messages. Count each global position once, and say how many repeats.
      const seen = new PositionSet();
      let repeats = 0;
      let after = -1n;
      for (;;) {
        const batch = await readMessagesBatch(db.execute, after < 0n ? { from: 0n, batchSize: 1000 } : { after, batchSize: 1000 });
        for (const message of batch.messages) {
          if (!seen.add(Number(message.metadata.globalPosition))) repeats += 1;
        }
        if (batch.messages.length === 0) break;
        after = batch.currentGlobalPosition;
      }
      if (repeats > 0) process.stderr.write(`emmett-postgres: reading the log delivered ${repeats} events twice\n`);
      return seen.size;
    },
    async close() {
      await store.close();
      await db.close();
      await pool.end().catch(() => undefined);
      await dropSchema(settings.databaseUrl, schema);
    },
  };
}

async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  await withClient(databaseUrl, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

async function withClient<T>(databaseUrl: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Which non-negative integers have been seen, one bit each. */
class PositionSet {
  private bits = new Uint8Array(1 << 16);
  size = 0;

  /** False when `n` was already there. */
  add(n: number): boolean {
    while (n >> 3 >= this.bits.length) {
      const grown = new Uint8Array(this.bits.length * 2);
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (n & 7);
    if (this.bits[n >> 3]! & mask) return false;
    this.bits[n >> 3]! |= mask;
    this.size += 1;
    return true;
  }
}
