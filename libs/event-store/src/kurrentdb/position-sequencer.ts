import { StoreUnavailable } from '../errors';
import type { StoredEvent } from '../event';

/**
 * Holds a reader to the port's promise: positions in order, each once, none missing. A `$all`
 * read starts a little before the position asked for (at the previous append's log entry, or
 * at the last event delivered before a reconnect), so positions below the next one are skipped
 * until the first new event; after that, any position but the next one means the log is not
 * what this adapter wrote (an event missing because a stream was deleted or scavenged, or a
 * record written into the prefix behind its back) and reading must stop, not guess.
 */
export class PositionSequencer {
  private caughtUp = false;

  constructor(private nextPosition: number) {}

  /** The next position to deliver: the checkpoint, in the port's terms. */
  get next(): number {
    return this.nextPosition;
  }

  /** A new read of `$all` begins: it may again start with events already delivered. */
  restart(): void {
    this.caughtUp = false;
  }

  /** True to deliver `event`, false to skip it as already delivered. */
  accept(event: StoredEvent): boolean {
    if (event.position < this.nextPosition && !this.caughtUp) return false;
    if (event.position !== this.nextPosition) throw new BrokenLog(this.nextPosition, event.position);
    this.caughtUp = true;
    this.nextPosition += 1;
    return true;
  }
}

/** The log does not continue with the next position. Permanent: reconnecting will not help. */
export class BrokenLog extends StoreUnavailable {
  constructor(
    /** The position that should have come next. */
    readonly expected: number,
    /** What came instead; undefined when the log simply ended. */
    readonly found?: number,
  ) {
    super(
      found === undefined
        ? `the KurrentDB log ends before position ${expected}; was a stream deleted?`
        : found > expected
          ? `the KurrentDB log has no event at position ${expected} (next found: ${found}); was a stream deleted?`
          : `the KurrentDB log repeats position ${found} where ${expected} was due; was a stream written behind the adapter?`,
    );
    this.name = 'BrokenLog';
  }
}
