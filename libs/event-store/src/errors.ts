import type { ExpectedRevision } from './event';

export type EventStoreErrorCode =
  | 'WRONG_EXPECTED_REVISION'
  | 'EVENT_ID_CONFLICT'
  | 'INVALID_EVENT'
  | 'STORE_UNAVAILABLE';

export abstract class EventStoreError extends Error {
  abstract readonly code: EventStoreErrorCode;
}

/** The stream was not where the caller expected it: someone else wrote first. */
export class WrongExpectedRevision extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_REVISION' as const;
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's last revision, or -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`stream "${streamId}": expected revision ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedRevision';
  }
}

/** An eventId that is already stored with different content (a retry must be identical). */
export class EventIdConflict extends EventStoreError {
  readonly code = 'EVENT_ID_CONFLICT' as const;
  constructor(readonly eventId: string) {
    super(`event ${eventId} is already stored with different content`);
    this.name = 'EventIdConflict';
  }
}

/** The append was refused before anything was written. `field` says what was wrong. */
export class InvalidEvent extends EventStoreError {
  readonly code = 'INVALID_EVENT' as const;
  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidEvent';
  }
}

export class StoreUnavailable extends EventStoreError {
  readonly code = 'STORE_UNAVAILABLE' as const;
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'StoreUnavailable';
  }
}
