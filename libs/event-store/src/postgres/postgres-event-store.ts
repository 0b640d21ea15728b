import { GENESIS_HASH } from '@vinhdanh/ledger';
import { Client, Pool, type QueryResult, type QueryResultRow } from 'pg';
import type { AppendCall } from '../append/append-call';
import { BatchPlanner, type CallOutcome, type ExistingEvent, type LogHead } from '../append/batch-planner';
import { verifyEventChain } from '../chain/verify-chain';
import { EventStoreError, StoreUnavailable } from '../errors';
import type { AppendResult, ExpectedRevision, JsonValue, NewEvent, StoredEvent } from '../event';
import type {
  ChainVerification,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  Subscription,
  SubscribeOptions,
  SubscriptionHandler,
} from '../event-store.port';
import { followLog } from '../subscription/follow-log';
import { sharedReads } from '../subscription/shared-reads';
import { WakeSignal } from '../subscription/wake-signal';
import { validateAppend } from '../validation/validate-append';
import { validateReadOptions } from '../validation/validate-read';
import { migrationSql, postgresNames, type PostgresNames } from './postgres-schema';

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** Schema holding the events table; created if missing. Default "event_store". */
  schema?: string;
  /** Connections for reads and subscriptions (the writer has its own). Default 4. */
  readPoolSize?: number;
  /** Polling fallback for followers, in case a NOTIFY is missed. Default 250 ms. */
  pollIntervalMs?: number;
  /** Most append calls one group commit takes. Default 1,000. */
  maxCallsPerCommit?: number;
}

/** One stream of a readStreams call: its events from `fromRevision` on. */
export interface StreamTailRequest {
  streamId: string;
  fromRevision: number;
}

interface TailReadCall {
  requests: readonly StreamTailRequest[];
  resolve(events: StoredEvent[][]): void;
  reject(error: unknown): void;
}

/** Most streams one coalesced readStreams query asks for. */
const MAX_STREAMS_PER_READ = 200;

interface EventRow {
  position: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  data: JsonValue;
  metadata: StoredEvent['metadata'];
  hash: string;
}

const COLUMNS = "position, stream_id, revision, event_id, type, data, metadata, encode(hash, 'hex') AS hash";
const E_COLUMNS = "e.position, e.stream_id, e.revision, e.event_id, e.type, e.data, e.metadata, encode(e.hash, 'hex') AS hash";

/**
 * The tails of several streams, in request order ($1 stream ids, $2 first revisions). OFFSET 0
 * keeps the subquery from being flattened into a join: planned for the unknown length of $1,
 * the join became a hash join over a sequential scan of the whole log (13.7 ms at 23k events,
 * growing with the log) instead of one index lookup per stream (1.8 ms).
 */
export const readStreamsSql = (table: string): string =>
  `SELECT r.i::int AS i, ${E_COLUMNS}
     FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS r(stream_id, from_revision, i)
     CROSS JOIN LATERAL (SELECT * FROM ${table} x WHERE x.stream_id = r.stream_id AND x.revision >= r.from_revision OFFSET 0) e
    ORDER BY r.i, e.revision`;

/**
 * The production single-node store.
 *
 * No visible gaps: every append transaction first takes a transaction-level advisory lock, so
 * appends are serialised and a position is only ever assigned after the previous one has
 * committed and become visible (PostgreSQL makes a commit visible before it releases its
 * locks). A reader that has seen position N can therefore never later find an event below N.
 *
 * Serialising would be slow one call per transaction, so each process has a single batched
 * writer (group commit): calls that arrive while a commit is in flight wait and go together in
 * the next transaction, one multi-row INSERT. Each call's expectation is checked in arrival
 * order before it is given a position, so a refused call burns none and the others proceed.
 */
export class PostgresEventStore implements EventStore {
  readonly backend = 'postgres';
  private readonly names: PostgresNames;
  private readonly pool: Pool;
  private readonly pollIntervalMs: number;
  private readonly maxCallsPerCommit: number;
  private readonly signal = new WakeSignal();
  private readonly subscriptions = new Set<Subscription>();
  private ready?: Promise<void>;
  private writerClient?: Promise<Client>;
  private listenerClient?: Promise<Client>;
  private queue: AppendCall[] = [];
  private tailReads: TailReadCall[] = [];
  private draining?: Promise<void>;
  private closed = false;

  constructor(private readonly options: PostgresEventStoreOptions) {
    this.names = postgresNames(options.schema ?? 'event_store');
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.maxCallsPerCommit = options.maxCallsPerCommit ?? 1000;
    this.pool = new Pool({ connectionString: options.connectionString, max: options.readPoolSize ?? 4 });
    // An idle pooled connection that dies must not take the process down; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  /**
   * Runs the migration on first use (nothing connects before), and again on a later call if it
   * failed, so a store created while the database was down recovers once it is back.
   */
  async whenReady(): Promise<void> {
    this.ready ??= this.pool.query(migrationSql(this.names)).then(() => undefined);
    try {
      await this.ready;
    } catch (error) {
      this.ready = undefined;
      throw unavailable('cannot prepare the PostgreSQL event store', error);
    }
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    try {
      validateAppend(streamId, events, expected);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.closed) return Promise.reject(new StoreUnavailable('the PostgreSQL event store is closed'));
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events, expected, resolve, reject });
      this.draining ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain());
    });
  }

  /** The single writer: one group commit at a time; calls that arrive meanwhile form the next. */
  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const calls = this.queue.splice(0, this.maxCallsPerCommit);
        await this.commitCalls(calls);
      }
    } finally {
      this.draining = undefined;
    }
  }

  private async commitCalls(calls: AppendCall[]): Promise<void> {
    try {
      this.settle(calls, await this.commit(calls));
    } catch (error) {
      // Something the planner could not foresee failed the whole transaction. Retry each call in
      // a transaction of its own, so it fails alone. (A call whose first commit did land, e.g.
      // when only the COMMIT acknowledgement was lost, is recognised by its eventIds as a retry.)
      if (calls.length === 1) {
        calls[0]!.reject(asStoreError(error));
        return;
      }
      for (const call of calls) {
        try {
          this.settle([call], await this.commit([call]));
        } catch (single) {
          call.reject(asStoreError(single));
        }
      }
    }
  }

  private settle(calls: AppendCall[], outcomes: CallOutcome[]): void {
    outcomes.forEach((outcome, i) => {
      if (outcome.kind === 'refused') calls[i]!.reject(outcome.error);
      else calls[i]!.resolve(outcome.result);
    });
    if (outcomes.some((o) => o.kind === 'written')) this.signal.notify();
  }

  /**
   * Two round trips per group commit. The first takes the lock and reads everything the planner
   * needs; the second inserts every accepted row, notifies followers and commits. Values are
   * sent as escaped literals in simple-protocol multi-statement queries: eventIds are validated
   * UUIDs, everything else goes through `literal`, which quotes exactly as pg's escapeLiteral.
   */
  private async commit(calls: AppendCall[]): Promise<CallOutcome[]> {
    await this.whenReady();
    const client = await this.writer();
    const { table, lockKey, channel } = this.names;
    const eventIds = calls.flatMap((c) => c.events.map((e) => e.eventId));
    const streamIds = [...new Set(calls.map((c) => c.streamId))];
    try {
      const results = (await client.query(
        `BEGIN;
         SELECT pg_advisory_xact_lock(${lockKey[0]}, ${lockKey[1]});
         SELECT position, hash FROM ${table} ORDER BY position DESC LIMIT 1;
         SELECT ${COLUMNS} FROM ${table} WHERE event_id = ANY('{${eventIds.join(',')}}'::text[]);
         SELECT s.id AS stream_id, (SELECT max(revision) FROM ${table} WHERE stream_id = s.id) AS revision
           FROM json_array_elements_text(${literal(JSON.stringify(streamIds))}::json) AS s(id);`,
      )) as unknown as QueryResult[];
      const headRow = results[2]!.rows[0] as { position: string; hash: Buffer } | undefined;
      const head: LogHead = headRow ? { position: Number(headRow.position), hash: headRow.hash } : { position: -1, hash: GENESIS_HASH };
      const stored = new Map<string, ExistingEvent>();
      for (const row of results[3]!.rows as EventRow[]) stored.set(row.event_id, toStored(row));
      const revisions = new Map<string, number>();
      for (const row of results[4]!.rows as Array<{ stream_id: string; revision: string | null }>) {
        if (row.revision !== null) revisions.set(row.stream_id, Number(row.revision));
      }

      const planner = new BatchPlanner(head, stored, revisions);
      const outcomes = calls.map((c) => planner.plan(c.streamId, c.events, c.expected));
      const rows = planner.rows;
      if (rows.length === 0) {
        await client.query('ROLLBACK');
        return outcomes;
      }
      const values = rows.map(
        (r) =>
          `(${r.position}, ${literal(r.streamId)}, ${r.revision}, '${r.eventId}', ${literal(r.type)}, ` +
          `${literal(r.data)}, ${literal(r.metadata)}, decode('${r.hash.toString('hex')}', 'hex'))`,
      );
      await client.query(
        `INSERT INTO ${table} (position, stream_id, revision, event_id, type, data, metadata, hash) VALUES ${values.join(',')};
         SELECT pg_notify('${channel}', '${planner.headAfter.position}');
         COMMIT;`,
      );
      return outcomes;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => this.dropWriter());
      throw error;
    }
  }

  private writer(): Promise<Client> {
    this.writerClient ??= this.connect(() => this.dropWriter());
    return this.writerClient;
  }

  private dropWriter(): void {
    const current = this.writerClient;
    this.writerClient = undefined;
    void current?.then((c) => c.end()).catch(() => undefined);
  }

  private connect(onBroken: () => void): Promise<Client> {
    const client = new Client({ connectionString: this.options.connectionString });
    client.on('error', onBroken);
    client.on('end', onBroken);
    const connected = client.connect().then(() => client);
    connected.catch(onBroken);
    return connected;
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    validateReadOptions(options);
    await this.whenReady();
    let from = options.fromRevision ?? 0;
    const batchSize = 1000;
    for (;;) {
      const rows = await this.read<EventRow>(
        `SELECT ${COLUMNS} FROM ${this.names.table} WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
        [streamId, from, batchSize],
      );
      for (const row of rows) yield toStored(row);
      if (rows.length < batchSize) return;
      from = Number(rows[rows.length - 1]!.revision) + 1;
    }
  }

  /**
   * Several streams, each from a revision on, in one round trip: the command runner loads a
   * nomination with its campaign and council this way, asking only for what it has not seen.
   * The answer has one list per request, in request order, each in revision order. Calls made
   * in the same turn of the event loop (concurrent commands) share one query.
   */
  readStreams(requests: readonly StreamTailRequest[]): Promise<StoredEvent[][]> {
    try {
      for (const r of requests) validateReadOptions({ fromRevision: r.fromRevision });
    } catch (error) {
      return Promise.reject(error);
    }
    if (requests.length === 0) return Promise.resolve([]);
    return new Promise<StoredEvent[][]>((resolve, reject) => {
      this.tailReads.push({ requests, resolve, reject });
      if (this.tailReads.length === 1) setImmediate(() => this.flushTailReads());
    });
  }

  private flushTailReads(): void {
    const calls = this.tailReads.splice(0);
    while (calls.length > 0) {
      let streams = 0;
      let take = 0;
      while (take < calls.length && (take === 0 || streams + calls[take]!.requests.length <= MAX_STREAMS_PER_READ)) streams += calls[take++]!.requests.length;
      void this.readTails(calls.splice(0, take));
    }
  }

  private async readTails(calls: TailReadCall[]): Promise<void> {
    try {
      await this.whenReady();
      const all = calls.flatMap((c) => c.requests);
      const rows = await this.read<EventRow & { i: number }>(
        { name: `${this.names.table}.read_streams`, text: readStreamsSql(this.names.table) },
        [all.map((r) => r.streamId), all.map((r) => r.fromRevision)],
      );
      const out: StoredEvent[][] = all.map(() => []);
      for (const row of rows) out[row.i - 1]!.push(toStored(row));
      let k = 0;
      for (const call of calls) {
        call.resolve(out.slice(k, k + call.requests.length));
        k += call.requests.length;
      }
    } catch (error) {
      for (const call of calls) call.reject(error);
    }
  }

  /**
   * Keyset pagination on position: memory stays at a batch or two however long the log is.
   * The next batch is requested before the current one is handed out, so PostgreSQL produces
   * it (on another core) while this process parses and the caller consumes.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    validateReadOptions(options);
    const to = options.toPosition ?? (await this.headPosition());
    const batchSize = options.batchSize ?? 1000;
    const request = (from: number) => {
      const limit = Math.min(batchSize, to - from + 1);
      const events = this.fetch(from, limit);
      events.catch(() => undefined); // awaited below, unless the caller stops early
      return { limit, events };
    };
    const from = options.fromPosition ?? 0;
    let pending = from <= to ? request(from) : undefined;
    while (pending) {
      const events = await pending.events;
      const next = events.length > 0 ? events[events.length - 1]!.position + 1 : to + 1;
      // A short batch means the log ends here; otherwise ask for the next one right away.
      pending = events.length === pending.limit && next <= to ? request(next) : undefined;
      for (const event of events) {
        if (event.position > to) return;
        yield event;
      }
    }
  }

  /** The followers of this store (one per read model, and the jobs) share their reads. */
  private readonly followerReads = sharedReads((from, limit) => this.fetch(from, limit));

  /**
   * `position >= from ORDER BY position LIMIT n` and not a closed range: with a closed range and
   * stale statistics (a log that just grew) the planner picks a bitmap scan plus a sort of the
   * whole range; this form always walks the primary key and stops after n rows.
   */
  private async fetch(from: number, limit: number): Promise<StoredEvent[]> {
    await this.whenReady();
    const rows = await this.read<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.names.table} WHERE position >= $1 ORDER BY position LIMIT $2`,
      [from, limit],
    );
    return rows.map(toStored);
  }

  subscribe(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    validateReadOptions(options);
    if (this.closed) throw new StoreUnavailable('the PostgreSQL event store is closed');
    void this.listen();
    const subscription = followLog(
      {
        fromPosition: options.fromPosition,
        batchSize: options.batchSize ?? 500,
        pollIntervalMs: this.pollIntervalMs,
        signal: this.signal,
        fetch: this.followerReads,
      },
      handler,
    );
    this.subscriptions.add(subscription);
    void subscription.done.finally(() => this.subscriptions.delete(subscription)).catch(() => undefined);
    return subscription;
  }

  /**
   * LISTEN wakes followers when any process commits. If the listening connection breaks,
   * followers fall back to polling until the next subscribe() reconnects it.
   */
  private async listen(): Promise<void> {
    if (this.listenerClient) return;
    const dropListener = () => {
      const current = this.listenerClient;
      this.listenerClient = undefined;
      void current?.then((c) => c.end()).catch(() => undefined);
    };
    this.listenerClient = this.connect(dropListener);
    try {
      const client = await this.listenerClient;
      client.on('notification', () => this.signal.notify());
      await client.query(`LISTEN "${this.names.channel}"`);
    } catch {
      dropListener();
    }
  }

  /** A read on the pool; a failure is the store being unavailable, whatever pg called it. */
  private async read<R extends object>(query: string | { name: string; text: string }, values: unknown[]): Promise<R[]> {
    try {
      return (await this.pool.query<R & QueryResultRow>(typeof query === 'string' ? { text: query, values } : { ...query, values })).rows;
    } catch (error) {
      throw unavailable('PostgreSQL read failed', error);
    }
  }

  async headPosition(): Promise<number> {
    await this.whenReady();
    const rows = await this.read<{ position: string }>(`SELECT position FROM ${this.names.table} ORDER BY position DESC LIMIT 1`, []);
    return rows[0] ? Number(rows[0].position) : -1;
  }

  async verifyChain(range: { from?: number; to?: number } = {}): Promise<ChainVerification> {
    validateReadOptions({ fromPosition: range.from, toPosition: range.to });
    await this.whenReady();
    const from = range.from ?? 0;
    let prev = GENESIS_HASH;
    if (from > 0) {
      const rows = await this.read<{ hash: Buffer }>(`SELECT hash FROM ${this.names.table} WHERE position = $1`, [from - 1]);
      if (!rows[0]) return { ok: false, checked: 0, brokenAt: from - 1, reason: `position ${from - 1} is missing` };
      prev = rows[0].hash;
    }
    return verifyEventChain(this.readAll({ fromPosition: from, toPosition: range.to }), from, prev);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    // Calls already queued still get their commit.
    while (this.draining) await this.draining;
    const clients = [this.writerClient, this.listenerClient];
    this.writerClient = this.listenerClient = undefined;
    await Promise.all(clients.map((c) => c?.then((client) => client.end()).catch(() => undefined)));
    await this.pool.end();
  }
}

/** A SQL string literal; the same quoting as pg's escapeLiteral, without its per-character loop. */
function literal(text: string): string {
  const quoted = text.replace(/'/g, "''");
  return text.includes('\\') ? ` E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}

function toStored(row: EventRow): StoredEvent {
  return {
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: Number(row.position),
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    hash: row.hash,
  };
}

function unavailable(message: string, error: unknown): StoreUnavailable {
  return new StoreUnavailable(`${message}: ${error instanceof Error ? error.message : String(error)}`, error);
}

function asStoreError(error: unknown): EventStoreError {
  return error instanceof EventStoreError ? error : unavailable('PostgreSQL append failed', error);
}
