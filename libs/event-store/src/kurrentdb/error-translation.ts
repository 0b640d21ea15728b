import {
  AccessDeniedError,
  AppendRecordSizeExceededError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamTombstonedError,
  TransactionMaxSizeExceededError,
  UnavailableError,
  UnsupportedError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { EventStoreError, InvalidEvent, StoreUnavailable } from '../errors';
import { UnreadableRecord } from './record-codec';
import type { StreamNames } from './stream-names';
import { lastRevisionOf } from './stream-state';

/**
 * What went wrong with one multi-stream append, in the terms the writer acts on:
 * - a conflict on the log: another writer took the next position; re-read the head, retry;
 * - a conflict on a claim: one of the eventIds is already stored; a retry or an EventIdConflict;
 * - a conflict on the domain stream: the caller's expectation may no longer hold; re-check;
 * - anything else is final and already one of our errors.
 */
export type AppendFailure =
  | { kind: 'conflict'; on: 'log' | 'claim' | 'stream'; streamName: string; actual: number }
  | { kind: 'final'; error: EventStoreError };

export function classifyAppendError(error: unknown, names: StreamNames): AppendFailure {
  if (error instanceof WrongExpectedVersionError) {
    const on = error.streamName === names.log ? 'log' : names.isClaim(error.streamName) ? 'claim' : 'stream';
    return { kind: 'conflict', on, streamName: error.streamName, actual: lastRevisionOf(error.actualState) };
  }
  if (
    error instanceof TransactionMaxSizeExceededError ||
    error instanceof MaxAppendSizeExceededError ||
    error instanceof AppendRecordSizeExceededError
  ) {
    return { kind: 'final', error: new InvalidEvent('events', `too large for one KurrentDB append (${error.message})`) };
  }
  return { kind: 'final', error: toStoreError(error) };
}

/** Errors of reads and of the connection, as the port states them. */
export function toStoreError(error: unknown): EventStoreError {
  if (error instanceof EventStoreError) return error;
  if (error instanceof UnsupportedError) {
    return new StoreUnavailable(
      `KurrentDB ${error.minimumVersion} or later is required: this adapter uses ${error.feature}`,
      error,
    );
  }
  if (error instanceof AccessDeniedError) {
    return new StoreUnavailable('KurrentDB refused access: the user needs write access to the prefix streams and read access to $all', error);
  }
  if (error instanceof StreamDeletedError || error instanceof StreamTombstonedError) {
    return new StoreUnavailable('a stream of this log was deleted in KurrentDB; the log is no longer complete', error);
  }
  if (error instanceof UnreadableRecord) {
    return new StoreUnavailable(`the KurrentDB log holds a record this adapter cannot read: ${error.message}`, error);
  }
  if (error instanceof UnavailableError || error instanceof DeadlineExceededError || error instanceof NotLeaderError) {
    return new StoreUnavailable(`KurrentDB did not answer (${error.type}): is the server up and KURRENTDB_URL right?`, error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailable(`KurrentDB: ${message}`, error);
}
