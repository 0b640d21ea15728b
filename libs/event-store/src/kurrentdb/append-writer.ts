import { NO_STREAM, type AppendStreamRequest } from '@kurrent/kurrentdb-client';
import { GENESIS_HASH } from '@vinhdanh/ledger';
import { BatchPlanner, type ExistingEvent, type LogHead, type PlannedRow } from '../append/batch-planner';
import { EventStoreError, StoreUnavailable } from '../errors';
import type { AppendResult, ExpectedRevision, NewEvent, StoredEvent } from '../event';
import { classifyAppendError, toStoreError } from './error-translation';
import { encodeClaim, encodeDomainEvent, encodeLogEntry, type Claim, type LogEntry } from './record-codec';
import { SerialQueue } from './serial-queue';
import type { StreamNames } from './stream-names';
import { assumedLastRevision, pinnedStreamState } from './stream-state';

/** The few KurrentDB calls the writer makes; the adapter implements them with the client. */
export interface KurrentWriteApi {
  /** The log's last entry, or undefined when nothing was ever appended. */
  readHead(): Promise<LogEntry | undefined>;
  /** Last revision of a KurrentDB stream, -1 when it does not exist. */
  readLastRevision(streamName: string): Promise<number>;
  readClaim(eventId: string): Promise<Claim | undefined>;
  readEvent(streamId: string, revision: number): Promise<StoredEvent | undefined>;
  /** Atomic over all requests; throws the client's WrongExpectedVersionError on a conflict. */
  multiStreamAppend(requests: AppendStreamRequest[]): Promise<void>;
}

/**
 * Turns one append call into one atomic KurrentDB multi-stream append of three kinds of record
 * (see StreamNames): the events to their stream, one log entry per event to the log stream
 * pinned at the current head, one claim per eventId pinned at NO_STREAM.
 *
 * Optimistic first: when the caller's expectation names the revision, nothing is read; the head
 * comes from memory. Any conflict makes the next attempt read what it needs (the head, the
 * stream's revision, the claims of the call's ids) and ask the shared BatchPlanner again, so
 * the answer — written, an idempotent retry, WrongExpectedRevision with the actual revision,
 * EventIdConflict — is decided by the same rules as on every other backend.
 */
export class AppendWriter {
  private head: LogHead | undefined;
  private readonly queue = new SerialQueue();

  constructor(
    private readonly api: KurrentWriteApi,
    private readonly names: StreamNames,
    /** Conflicts on the log are other writers winning the race; this bounds how long we keep losing. */
    private readonly maxAttempts = 50,
  ) {}

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.queue.run(async () => {
      try {
        return await this.appendNow(streamId, events, expected);
      } catch (error) {
        // A failure of unknown outcome (a timeout after the server committed) leaves the cached
        // head possibly stale; the next append reads it again. The caller's retry is safe: the
        // claims make it a recognised duplicate.
        this.head = undefined;
        throw error instanceof EventStoreError ? error : toStoreError(error);
      }
    });
  }

  /** Settles when every append accepted so far has settled. */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  private async appendNow(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    let informed = false;
    let knownLast: number | undefined;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const head = this.head ?? (await this.loadHead());
      const last =
        knownLast ??
        (informed ? undefined : assumedLastRevision(expected)) ??
        (await this.api.readLastRevision(this.names.domain(streamId)));
      const stored = informed ? await this.readStored(events) : new Map<string, ExistingEvent>();

      const planner = new BatchPlanner(head, stored, new Map([[streamId, last]]));
      const outcome = planner.plan(streamId, events, expected);
      if (outcome.kind === 'duplicate') return outcome.result;
      if (outcome.kind === 'refused') {
        // A refusal is final only once the claims were read: the call may be a retry.
        if (informed) throw outcome.error;
        informed = true;
        knownLast = last;
        continue;
      }

      try {
        await this.api.multiStreamAppend(this.requests(streamId, planner.rows, head, last));
        this.head = planner.headAfter;
        return outcome.result;
      } catch (error) {
        this.head = undefined;
        const failure = classifyAppendError(error, this.names);
        if (failure.kind === 'final') throw failure.error;
        informed = true;
        knownLast = failure.on === 'stream' ? failure.actual : undefined;
      }
    }
    throw new StoreUnavailable(
      `append to "${streamId}" lost the race for the next log position ${this.maxAttempts} times; too many concurrent writers`,
    );
  }

  private requests(streamId: string, rows: PlannedRow[], head: LogHead, last: number): AppendStreamRequest[] {
    const batchFirst = rows[0]!.position;
    return [
      {
        streamName: this.names.log,
        expectedState: pinnedStreamState(head.position),
        events: rows.map((row) => encodeLogEntry(row, batchFirst)),
      },
      { streamName: this.names.domain(streamId), expectedState: pinnedStreamState(last), events: rows.map(encodeDomainEvent) },
      ...rows.map((row): AppendStreamRequest => ({ streamName: this.names.claim(row.eventId), expectedState: NO_STREAM, events: [encodeClaim(row)] })),
    ];
  }

  private async loadHead(): Promise<LogHead> {
    const entry = await this.api.readHead();
    return entry ? { position: entry.position, hash: Buffer.from(entry.hash, 'hex') } : { position: -1, hash: GENESIS_HASH };
  }

  /** The stored events of the call's ids (read in parallel: this runs after a conflict, while appends wait). */
  private async readStored(events: NewEvent[]): Promise<Map<string, ExistingEvent>> {
    const found = await Promise.all(
      events.map(async (event) => {
        const claim = await this.api.readClaim(event.eventId);
        if (!claim) return undefined;
        const existing = await this.api.readEvent(claim.streamId, claim.revision);
        if (!existing) {
          throw new StoreUnavailable(`eventId ${event.eventId} is claimed by ${claim.revision}@${claim.streamId}, which cannot be read`);
        }
        return [event.eventId, existing] as const;
      }),
    );
    return new Map(found.filter((entry) => entry !== undefined));
  }
}
