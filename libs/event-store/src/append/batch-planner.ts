import { chainHash, canonicalJson } from '@vinhdanh/ledger';
import { EventIdConflict, EventStoreError, WrongExpectedRevision } from '../errors';
import type { AppendResult, ExpectedRevision, JsonValue, NewEvent } from '../event';

/** An event already in the log, as the planner needs it to recognise a retry. */
export interface ExistingEvent {
  eventId: string;
  streamId: string;
  revision: number;
  position: number;
  type: string;
  data: JsonValue;
  metadata: unknown;
}

/** A row ready to insert: JSON already serialised, hash already chained. */
export interface PlannedRow {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: string;
  metadata: string;
  hash: Buffer;
}

export interface LogHead {
  /** -1 when the log is empty. */
  position: number;
  hash: Buffer;
}

export type CallOutcome =
  | { kind: 'written'; result: AppendResult }
  | { kind: 'duplicate'; result: AppendResult }
  | { kind: 'refused'; error: EventStoreError };

/**
 * Decides, call by call and in arrival order, what one group commit writes. A call that fails
 * its expectation (or reuses an eventId for other content) is refused before it takes a
 * position, so it burns nothing and does not disturb the calls around it. The planner is pure:
 * the adapter gives it the head, the stored events whose ids appear in the batch and the
 * current revision of every stream in the batch, all read inside the write transaction.
 */
export class BatchPlanner {
  readonly rows: PlannedRow[] = [];
  private readonly planned = new Map<string, ExistingEvent>();

  constructor(
    private head: LogHead,
    private readonly stored: ReadonlyMap<string, ExistingEvent>,
    /** Last revision per stream; a stream that is absent does not exist (-1). */
    private readonly revisions: Map<string, number>,
  ) {}

  get headAfter(): LogHead {
    return this.head;
  }

  plan(streamId: string, events: NewEvent[], expected: ExpectedRevision): CallOutcome {
    const retry = this.recogniseRetry(streamId, events);
    if (retry) return retry;

    const actual = this.revisions.get(streamId) ?? -1;
    if (!meetsExpectation(expected, actual)) {
      return { kind: 'refused', error: new WrongExpectedRevision(streamId, expected, actual) };
    }

    const positions: number[] = [];
    let revision = actual;
    let { position, hash } = this.head;
    for (const event of events) {
      position += 1;
      revision += 1;
      hash = chainHash(hash, {
        position,
        streamId,
        revision,
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      });
      this.rows.push({
        position,
        streamId,
        revision,
        eventId: event.eventId,
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
        hash,
      });
      this.planned.set(event.eventId, { ...event, streamId, revision, position });
      positions.push(position);
    }
    this.head = { position, hash };
    this.revisions.set(streamId, revision);
    return { kind: 'written', result: { nextExpectedRevision: revision, positions } };
  }

  /**
   * A retry is the same events, in the same order, to the same stream: it returns what the first
   * append returned, whatever the stream's revision is now. Reusing an id for anything else is
   * an EventIdConflict, so a client can never believe a different event was stored.
   */
  private recogniseRetry(streamId: string, events: NewEvent[]): CallOutcome | undefined {
    const found = events.map((e) => this.planned.get(e.eventId) ?? this.stored.get(e.eventId));
    const firstFound = found.findIndex((f) => f !== undefined);
    if (firstFound === -1) return undefined;
    for (let i = 0; i < events.length; i++) {
      const existing = found[i];
      const consecutive = i === 0 || (existing !== undefined && existing.revision === found[i - 1]!.revision + 1);
      if (!existing || !consecutive || !sameContent(streamId, events[i]!, existing)) {
        return { kind: 'refused', error: new EventIdConflict(events[existing ? i : firstFound]!.eventId) };
      }
    }
    const last = found[found.length - 1]!;
    return {
      kind: 'duplicate',
      result: { nextExpectedRevision: last.revision, positions: found.map((f) => f!.position) },
    };
  }
}

export function meetsExpectation(expected: ExpectedRevision, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === -1;
    case 'stream_exists':
      return actual >= 0;
    default:
      return actual === expected;
  }
}

function sameContent(streamId: string, event: NewEvent, existing: ExistingEvent): boolean {
  return (
    existing.streamId === streamId &&
    existing.type === event.type &&
    canonicalJson(existing.data) === canonicalJson(event.data) &&
    canonicalJson(existing.metadata) === canonicalJson(event.metadata)
  );
}
