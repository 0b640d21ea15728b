import { NO_STREAM, type AppendStreamState, type CurrentStreamState } from '@kurrent/kurrentdb-client';
import type { ExpectedRevision } from '../event';

/**
 * The hash chain commits to each event's revision, so the writer must know the revision before
 * it writes. An expectation that names it (a number, or 'no_stream' = -1) is sent to KurrentDB
 * as it is; 'any' and 'stream_exists' name no revision, so the writer reads the stream's last
 * revision and sends that exact revision instead of ANY or STREAM_EXISTS. A concurrent write to
 * the stream then fails the append rather than leaving a hash computed for the wrong revision,
 * and the writer re-reads and retries (what 'any' promises the caller).
 */
export function assumedLastRevision(expected: ExpectedRevision): number | undefined {
  if (expected === 'no_stream') return -1;
  if (typeof expected === 'number') return expected;
  return undefined;
}

/** The stream state that pins an append to a stream whose last revision is `lastRevision`. */
export function pinnedStreamState(lastRevision: number): AppendStreamState {
  if (!Number.isSafeInteger(lastRevision) || lastRevision < -1) {
    throw new RangeError(`not a stream revision: ${lastRevision}`);
  }
  return lastRevision === -1 ? NO_STREAM : BigInt(lastRevision);
}

/**
 * KurrentDB's view of a stream's revision, as our port states it: -1 when the stream does not
 * exist. A deleted (-5) or tombstoned (-6) stream counts as absent; this adapter never deletes.
 */
export function lastRevisionOf(state: CurrentStreamState): number {
  if (state === NO_STREAM) return -1;
  if (state < 0n) return -1;
  return toSafeNumber(state, 'revision');
}

/** KurrentDB counts in 64-bit integers; our port in JavaScript numbers. Refuse to round. */
export function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} ${value} is beyond Number.MAX_SAFE_INTEGER`);
  }
  return Number(value);
}
