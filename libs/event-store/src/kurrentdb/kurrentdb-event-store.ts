import {
  BACKWARDS,
  END,
  KurrentDBClient,
  StreamNotFoundError,
  streamNameFilter,
  type AppendStreamRequest,
  type ReadPosition,
  type ReadStreamOptions as ClientReadStreamOptions,
  type RecordedEvent,
} from '@kurrent/kurrentdb-client';
import { GENESIS_HASH } from '@vinhdanh/ledger';
import { verifyEventChain } from '../chain/verify-chain';
import { StoreUnavailable } from '../errors';
import type { AppendResult, ExpectedRevision, NewEvent, StoredEvent } from '../event';
import type {
  ChainVerification,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from '../event-store.port';
import { validateAppend } from '../validation/validate-append';
import { validateReadOptions } from '../validation/validate-read';
import { allStartFor } from './all-start';
import { AppendWriter, type KurrentWriteApi } from './append-writer';
import { catchUpSubscription } from './catch-up-subscription';
import { toStoreError } from './error-translation';
import { BrokenLog, PositionSequencer } from './position-sequencer';
import { decodeClaim, decodeDomainEvent, decodeLogEntry, UnreadableRecord, type Claim, type LogEntry } from './record-codec';
import { StreamNames } from './stream-names';
import { lastRevisionOf, toSafeNumber } from './stream-state';

/** The client calls this adapter makes; a test may pass a simulation of them. */
export type KurrentClient = Pick<KurrentDBClient, 'readStream' | 'readAll' | 'subscribeToAll' | 'multiStreamAppend' | 'dispose'>;

export interface KurrentDbEventStoreOptions {
  /** e.g. `kurrentdb://admin:changeit@localhost:2113?tls=false`, or `kurrentdb+discover://…` for a cluster. */
  connectionString: string;
  /** Namespace of this log's streams in the database. Default `vinhdanh`. See StreamNames. */
  streamPrefix?: string;
  /** How many times one append may lose the race for the next position. Default 50. */
  maxAppendAttempts?: number;
}

/**
 * The event store on KurrentDB (≥ 25.1: appends use multi-stream append).
 *
 * KurrentDB orders everything in `$all`, but its positions are commit/prepare pairs with gaps,
 * and it has no hash chain. Our port promises 0-based gapless positions with a chain over them,
 * identical to the SQLite and PostgreSQL stores. This adapter keeps that promise with a log
 * stream whose revision is the position:
 *
 * - Every append is ONE atomic multi-stream append of: the events to `<prefix>:<streamId>`
 *   (pinned to the stream's exact revision), one entry per event to `<prefix>~log` (pinned to
 *   the current head, so the revision of each entry is the event's position), and one claim per
 *   eventId to `<prefix>~id~<eventId>` (NO_STREAM: ids are unique across the log). Position and
 *   chained hash (chainHash from @vinhdanh/ledger, over the same canonical event every backend
 *   hashes) travel in the event's properties.
 * - Expected revisions on the log stream serialise appends across processes: two writers that
 *   build on the same head cannot both commit; the loser re-reads the head and retries. Within
 *   one process appends queue behind each other and the head stays in memory.
 * - Because of that serialisation, every record of an append follows every record of the one
 *   before it in `$all`, so reading `$all` filtered to `<prefix>:` gives positions in order with
 *   no gaps; the reader checks it (PositionSequencer). A position maps to a place in `$all`
 *   through its log entry (allStartFor).
 * - Subscriptions are KurrentDB catch-up subscriptions to `$all` with the same filter; their
 *   internal checkpoint is the commit/prepare position of the last delivered event.
 *
 * Limits, stated plainly: one append at a time for the whole log (per cluster, not per stream);
 * every event costs three records; reading needs access to `$all`; the prefix streams must
 * never be written, deleted or scavenged by anything else (verifyChain and every reader would
 * stop at the damage, but cannot repair it).
 */
export class KurrentDbEventStore implements EventStore {
  readonly backend = 'kurrentdb';
  private readonly client: KurrentClient;
  private readonly names: StreamNames;
  private readonly writer: AppendWriter;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(options: KurrentDbEventStoreOptions, client?: KurrentClient) {
    this.names = new StreamNames(options.streamPrefix ?? 'vinhdanh');
    try {
      this.client = client ?? KurrentDBClient.connectionString(options.connectionString);
    } catch (error) {
      // The client parses the string here; it connects lazily, on the first call.
      throw new StoreUnavailable(`not a KurrentDB connection string: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    this.writer = new AppendWriter(this.writeApi(), this.names, options.maxAppendAttempts);
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    try {
      validateAppend(streamId, events, expected);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.closed) return Promise.reject(new StoreUnavailable('the KurrentDB event store is closed'));
    return this.writer.append(streamId, events, expected);
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    validateReadOptions(options);
    const fromRevision = BigInt(options.fromRevision ?? 0);
    try {
      // From the leader: a caller reads what it just appended.
      for await (const resolved of this.client.readStream(this.names.domain(streamId), { fromRevision, requiresLeader: true })) {
        if (resolved.event) yield decodeDomainEvent(resolved.event, this.names);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw toStoreError(error);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    // batchSize is checked but not needed: the gRPC read streams with its own flow control.
    validateReadOptions(options);
    try {
      const from = options.fromPosition ?? 0;
      const head = await this.headPosition();
      yield* this.readLog(from, Math.min(options.toPosition ?? head, head));
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /**
   * Positions from `from` to `to` (inclusive), or to the end of `$all` when `to` is undefined,
   * checked gapless. Errors are not translated: verifyChain tells a broken log from an outage.
   */
  private async *readLog(from: number, to?: number): AsyncGenerator<StoredEvent> {
    if (to !== undefined && from > to) return;
    const sequencer = new PositionSequencer(from);
    const start = await this.allStart(from);
    // From the leader, like the head: a lagging follower would end the read early.
    for await (const resolved of this.client.readAll({ fromPosition: start, filter: this.domainFilter(), requiresLeader: true })) {
      if (!resolved.event) continue;
      const event = decodeDomainEvent(resolved.event, this.names);
      if (!sequencer.accept(event)) continue;
      yield event;
      if (to !== undefined && event.position >= to) return;
    }
    // `to` was at or below the head when the read began; a log that ends sooner lost events.
    if (to !== undefined) throw new BrokenLog(sequencer.next);
  }

  subscribe(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    validateReadOptions(options);
    if (this.closed) throw new StoreUnavailable('the KurrentDB event store is closed');
    const subscription = catchUpSubscription(
      {
        startFor: (position) => this.allStart(position),
        open: (from) => this.client.subscribeToAll({ fromPosition: from, filter: this.domainFilter() }),
        decode: (recorded) => decodeDomainEvent(recorded, this.names),
      },
      { fromPosition: options.fromPosition, batchSize: options.batchSize ?? 500 },
      handler,
    );
    this.subscriptions.add(subscription);
    void subscription.done.finally(() => this.subscriptions.delete(subscription)).catch(() => undefined);
    return subscription;
  }

  async headPosition(): Promise<number> {
    try {
      return (await this.readHead())?.position ?? -1;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /**
   * Without `to`, reads past the head to the end of `$all`: a record written into the prefix
   * behind the adapter's back (KurrentDB's equivalent of editing a row) breaks the chain where
   * it sits, even after the last event the adapter wrote.
   */
  async verifyChain(range: { from?: number; to?: number } = {}): Promise<ChainVerification> {
    validateReadOptions({ fromPosition: range.from, toPosition: range.to });
    const from = range.from ?? 0;
    let prev = GENESIS_HASH;
    let next = from;
    const tracked = async function* (events: AsyncIterable<StoredEvent>) {
      for await (const event of events) {
        yield event;
        next = event.position + 1;
      }
    };
    try {
      if (from > 0) {
        const [before] = await collect(this.readLog(from - 1, from - 1));
        prev = Buffer.from(before!.hash, 'hex');
      }
      // Without `to`: to the end of `$all`. With it: no further than the head, as readAll.
      const to = range.to === undefined ? undefined : Math.min(range.to, await this.headPosition());
      return await verifyEventChain(tracked(this.readLog(from, to)), from, prev);
    } catch (error) {
      if (error instanceof BrokenLog || error instanceof UnreadableRecord) {
        const brokenAt = error instanceof BrokenLog ? error.expected : next;
        return { ok: false, checked: Math.max(0, brokenAt - from), brokenAt, reason: error.message };
      }
      throw toStoreError(error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    // Appends already accepted still get their answer before the connection goes.
    await this.writer.drain();
    await this.client.dispose();
  }

  private domainFilter() {
    return streamNameFilter({ prefixes: [this.names.domainPrefix] });
  }

  private async allStart(position: number): Promise<ReadPosition> {
    const head = await this.readHead();
    return allStartFor(position, head?.position ?? -1, (p) => this.logEntryAt(p));
  }

  private async readHead(): Promise<LogEntry | undefined> {
    const last = await this.first(this.names.log, { direction: BACKWARDS, fromRevision: END, maxCount: 1, requiresLeader: true });
    return last ? decodeLogEntry(last) : undefined;
  }

  private async logEntryAt(position: number): Promise<LogEntry | undefined> {
    const entry = await this.first(this.names.log, { fromRevision: BigInt(position), maxCount: 1 });
    return entry && entry.revision === BigInt(position) ? decodeLogEntry(entry) : undefined;
  }

  /** The first record a stream read returns, or undefined when there is none or no stream. */
  private async first(streamName: string, options: ClientReadStreamOptions): Promise<RecordedEvent | undefined> {
    try {
      for await (const resolved of this.client.readStream(streamName, options)) {
        if (resolved.event) return resolved.event;
      }
      return undefined;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  private writeApi(): KurrentWriteApi {
    const leader = { requiresLeader: true } as const;
    return {
      readHead: () => this.readHead(),
      readLastRevision: async (streamName: string) => {
        const last = await this.first(streamName, { ...leader, direction: BACKWARDS, fromRevision: END, maxCount: 1 });
        return last ? lastRevisionOf(last.revision) : -1;
      },
      readClaim: async (eventId: string): Promise<Claim | undefined> => {
        const claim = await this.first(this.names.claim(eventId), { ...leader, maxCount: 1 });
        return claim ? decodeClaim(claim) : undefined;
      },
      readEvent: async (streamId: string, revision: number) => {
        const recorded = await this.first(this.names.domain(streamId), { ...leader, fromRevision: BigInt(revision), maxCount: 1 });
        if (!recorded || toSafeNumber(recorded.revision, 'revision') !== revision) return undefined;
        return decodeDomainEvent(recorded, this.names);
      },
      multiStreamAppend: async (requests: AppendStreamRequest[]) => {
        await this.client.multiStreamAppend(requests);
      },
    };
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
