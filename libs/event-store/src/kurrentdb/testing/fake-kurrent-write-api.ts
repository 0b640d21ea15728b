import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  type AppendStreamRequest,
  type EventData,
  type RecordedEvent,
} from '@kurrent/kurrentdb-client';
import type { StoredEvent } from '@vinhdanh/event-store';
import type { KurrentWriteApi } from '../append-writer';
import { decodeClaim, decodeDomainEvent, decodeLogEntry, type Claim, type LogEntry } from '../record-codec';
import type { StreamNames } from '../stream-names';

/**
 * A test double for the server side of AppendWriter: streams in memory, the expected-state
 * check of every request before anything is written (all or nothing, as a KurrentDB
 * multi-stream append), the first failing check reported as the client reports it, and
 * records read back the way the client returns them (JSON parsed, properties as metadata plus
 * the server's own `$schema.*` keys). Several writers may share one, like processes share a
 * server.
 */
export class FakeKurrentWriteApi implements KurrentWriteApi {
  readonly streams = new Map<string, RecordedEvent[]>();
  private commit = 0n;
  appendCalls = 0;
  /** Runs before every append is checked: a place for another writer to get in first. */
  beforeAppend: (() => Promise<void>) | undefined;
  private inHook = false;

  constructor(private readonly names: StreamNames) {}

  async readHead(): Promise<LogEntry | undefined> {
    const log = this.streams.get(this.names.log);
    return log && log.length > 0 ? decodeLogEntry(log[log.length - 1]!) : undefined;
  }

  async readLastRevision(streamName: string): Promise<number> {
    return (this.streams.get(streamName)?.length ?? 0) - 1;
  }

  async readClaim(eventId: string): Promise<Claim | undefined> {
    const claim = this.streams.get(this.names.claim(eventId))?.[0];
    return claim ? decodeClaim(claim) : undefined;
  }

  async readEvent(streamId: string, revision: number): Promise<StoredEvent | undefined> {
    const recorded = this.streams.get(this.names.domain(streamId))?.[revision];
    return recorded ? decodeDomainEvent(recorded, this.names) : undefined;
  }

  async multiStreamAppend(requests: AppendStreamRequest[]): Promise<void> {
    this.appendCalls += 1;
    // The hook's own appends (another writer's) are not hooked again.
    if (this.beforeAppend && !this.inHook) {
      this.inHook = true;
      try {
        await this.beforeAppend();
      } finally {
        this.inHook = false;
      }
    }
    for (const { streamName, expectedState } of requests) {
      const current = (this.streams.get(streamName)?.length ?? 0) - 1;
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
    this.commit += 1n;
    let prepare = 0n;
    for (const { streamName, events } of requests) {
      const stream = this.streams.get(streamName) ?? [];
      for (const event of events) {
        stream.push(this.record(streamName, BigInt(stream.length), event, { commit: this.commit, prepare: prepare++ }));
      }
      this.streams.set(streamName, stream);
    }
  }

  /** Every domain event in commit order: what a `$all` read filtered to the prefix returns. */
  allDomainEvents(): StoredEvent[] {
    const records = [...this.streams.entries()]
      .filter(([name]) => this.names.streamIdOf(name) !== undefined)
      .flatMap(([, records]) => records);
    records.sort((a, b) => Number(a.position!.commit - b.position!.commit || a.position!.prepare - b.position!.prepare));
    return records.map((r) => decodeDomainEvent(r, this.names));
  }

  private record(streamId: string, revision: bigint, event: EventData, position: { commit: bigint; prepare: bigint }): RecordedEvent {
    const isJson = event.contentType === 'application/json';
    const metadata = event.metadata === undefined ? undefined : { ...(event.metadata as object), '$schema.name': event.type };
    const base = { streamId, id: event.id, revision, type: event.type, created: new Date(0), metadata, position };
    return isJson
      ? { ...base, isJson: true, data: JSON.parse(JSON.stringify(event.data)) as Record<string, unknown> }
      : { ...base, isJson: false, data: new Uint8Array(event.data as Uint8Array) };
  }
}
