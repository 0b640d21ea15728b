import { PassThrough } from 'node:stream';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendStreamRequest,
  type EventData,
  type Filter,
  type MultiAppendResult,
  type Position,
  type ReadAllOptions,
  type ReadPosition,
  type ReadStreamOptions,
  type RecordedEvent,
  type ResolvedEvent,
  type SubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';
import type { KurrentClient } from '../kurrentdb-event-store';

export interface SimulationOptions {
  /**
   * Order of one transaction's records in `$all`. The adapter must not depend on it, so the
   * simulation can put each append's records in the reverse of the request order (domain events
   * before their log entries).
   */
  transactionOrder?: 'as-requested' | 'reversed';
  /** Write records of other applications and system streams between transactions. */
  noise?: boolean;
  /**
   * KurrentDB treats a write whose record ids are already in the stream, right after the
   * expected revision, as an idempotent repeat: success, nothing written. Whether the v2
   * multi-stream append does this per stream is not documented; the simulation does (default
   * true), the most dangerous reading for an adapter that adds records to other streams in the
   * same transaction.
   */
  idempotentRecordIds?: boolean;
}

type Live = PassThrough & { unsubscribe(): Promise<void> };

/**
 * An in-memory stand-in for a KurrentDB server as this adapter uses it, to run the whole
 * contract suite without one. It models what the adapter relies on, and only that:
 * multi-stream appends checked all-or-nothing against expected states (the first failing
 * check reported as the client reports it), `$all` positions with gaps between transactions,
 * forward/backward stream reads, `$all` reads and catch-up subscriptions with a stream-name
 * prefix filter, metadata read back as JSON properties plus the server's `$schema.*` keys, and
 * StreamNotFoundError for a missing stream. It is a model, not the server: wire behaviour, the
 * real order of records inside a transaction and size limits are only checked against a real
 * KurrentDB (kurrentdb-event-store.int-spec.ts).
 */
export class SimulatedKurrentDb {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly live = new Set<{ stream: Live; filter?: Filter }>();
  private nextCommit = 1000n;

  constructor(private readonly options: SimulationOptions = {}) {}

  /** The client surface, typed as the adapter sees it. */
  client(): KurrentClient {
    return this as unknown as KurrentClient;
  }

  async multiStreamAppend(requests: AppendStreamRequest[]): Promise<MultiAppendResult> {
    for (const { events } of requests) {
      for (const { metadata } of events) {
        // The real client refuses anything else before sending.
        if (metadata != null && Object.values(metadata as object).some((v) => typeof v !== 'string')) {
          throw new Error('multiStreamAppend requires metadata to be a plain object with string keys and string values.');
        }
      }
    }
    const repeats = new Set<AppendStreamRequest>();
    for (const request of requests) {
      const { streamName, expectedState } = request;
      const current = (this.streams.get(streamName)?.length ?? 0) - 1;
      if (this.isRepeat(request)) {
        repeats.add(request);
        continue;
      }
      const ok =
        expectedState === ANY ||
        (expectedState === NO_STREAM && current === -1) ||
        (expectedState === STREAM_EXISTS && current >= 0) ||
        (typeof expectedState === 'bigint' && BigInt(current) === expectedState);
      if (!ok) {
        throw new WrongExpectedVersionError(undefined, {
          streamName,
          expected: expectedState,
          current: current === -1 ? NO_STREAM : BigInt(current),
        });
      }
    }
    const ordered = this.options.transactionOrder === 'reversed' ? [...requests].reverse() : requests;
    const commit = this.nextCommit;
    let offset = 0n;
    for (const request of ordered) {
      if (repeats.has(request)) continue;
      for (const event of request.events) this.write(request.streamName, event, { commit: commit + offset, prepare: commit + offset++ });
    }
    this.nextCommit += 1000n + offset;
    if (this.options.noise) {
      this.write('$stats-127.0.0.1:2113', { id: crypto.randomUUID(), contentType: 'application/json', type: '$statsCollected', data: {}, metadata: undefined });
      this.write('other-app-orders', { id: crypto.randomUUID(), contentType: 'application/json', type: 'OrderPlaced', data: { n: 1 }, metadata: undefined });
    }
    return { position: commit, responses: requests.map((r) => ({ streamName: r.streamName, revision: BigInt(this.streams.get(r.streamName)!.length - 1) })) };
  }

  readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterableIterator<ResolvedEvent> {
    const stream = this.streams.get(streamName);
    const { direction, fromRevision = direction === BACKWARDS ? END : START, maxCount = Number.MAX_SAFE_INTEGER } = options;
    return (async function* () {
      if (!stream) throw new StreamNotFoundError(undefined, streamName);
      let records = direction === BACKWARDS ? [...stream].reverse() : stream;
      if (typeof fromRevision === 'bigint') {
        records = records.filter((r) => (direction === BACKWARDS ? r.revision <= fromRevision : r.revision >= fromRevision));
      }
      let count = 0n;
      for (const event of records) {
        if (count++ >= BigInt(maxCount)) return;
        yield { event };
      }
    })();
  }

  readAll(options: ReadAllOptions = {}): AsyncIterableIterator<AllStreamResolvedEvent> {
    const log = this.log;
    const { fromPosition = START, filter } = options;
    return (async function* () {
      // Indexing the live array: records appended during the read are seen too, as on a server.
      for (let i = 0; i < log.length; i++) {
        const event = log[i]!;
        if (!atOrAfter(event.position!, fromPosition) || !passes(filter, event)) continue;
        yield { event: event as AllStreamResolvedEvent['event'] };
      }
    })();
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Live {
    const { fromPosition = START, filter } = options;
    const stream = new PassThrough({ objectMode: true }) as Live;
    const entry = { stream, filter };
    stream.unsubscribe = async () => {
      this.live.delete(entry);
      stream.end();
    };
    // A subscription from a position starts after it; from START, at the first record.
    for (const event of this.log) {
      const after = fromPosition === START || (fromPosition !== END && comparePositions(event.position!, fromPosition) > 0);
      if (after && passes(filter, event)) stream.write({ event });
    }
    this.live.add(entry);
    return stream;
  }

  async dispose(): Promise<void> {
    for (const { stream } of this.live) stream.end();
    this.live.clear();
  }

  /** Records of a stream, for tests that look behind the adapter. */
  recordsOf(streamName: string): RecordedEvent[] {
    return this.streams.get(streamName) ?? [];
  }

  private isRepeat({ streamName, expectedState, events }: AppendStreamRequest): boolean {
    if (this.options.idempotentRecordIds === false || typeof expectedState !== 'bigint' && expectedState !== NO_STREAM) return false;
    const stream = this.streams.get(streamName) ?? [];
    const first = expectedState === NO_STREAM ? 0 : Number(expectedState) + 1;
    return events.length > 0 && events.every((event, i) => stream[first + i]?.id === event.id);
  }

  /** A stream deleted and scavenged away: gone from the stream and from `$all`. */
  scavengeAway(streamName: string): void {
    this.streams.delete(streamName);
    for (let i = this.log.length - 1; i >= 0; i--) if (this.log[i]!.streamId === streamName) this.log.splice(i, 1);
  }

  /** Appends to a stream the way another client would (no adapter properties). */
  writeForeign(streamName: string, event: EventData): void {
    const commit = this.nextCommit;
    this.nextCommit += 1000n;
    this.write(streamName, event, { commit, prepare: commit });
  }

  private write(streamName: string, event: EventData, position?: Position): void {
    if (!position) {
      position = { commit: this.nextCommit, prepare: this.nextCommit };
      this.nextCommit += 1n;
    }
    const stream = this.streams.get(streamName) ?? [];
    const isJson = event.contentType === 'application/json';
    const metadata =
      event.metadata === undefined
        ? undefined
        : { ...(event.metadata as Record<string, string>), '$schema.name': event.type, '$schema.data-format': isJson ? 'Json' : 'Bytes' };
    const base = { streamId: streamName, id: event.id, revision: BigInt(stream.length), type: event.type, created: new Date(0), metadata, position };
    const record = (
      isJson
        ? { ...base, isJson: true, data: JSON.parse(JSON.stringify(event.data)) as Record<string, unknown> }
        : { ...base, isJson: false, data: new Uint8Array(event.data as Uint8Array) }
    ) as RecordedEvent;
    stream.push(record);
    this.streams.set(streamName, stream);
    this.log.push(record);
    for (const { stream: live, filter } of this.live) if (passes(filter, record)) live.write({ event: record });
  }
}

function passes(filter: Filter | undefined, event: RecordedEvent): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? event.streamId : event.type;
  if ('prefixes' in filter) return filter.prefixes.some((p) => subject.startsWith(p));
  return new RegExp(filter.regex).test(subject);
}

function comparePositions(a: Position, b: Position): number {
  return a.commit === b.commit ? Number(a.prepare - b.prepare) : Number(a.commit - b.commit);
}

function atOrAfter(position: Position, from: ReadPosition): boolean {
  if (from === START) return true;
  if (from === END) return false;
  return comparePositions(position, from) >= 0;
}
