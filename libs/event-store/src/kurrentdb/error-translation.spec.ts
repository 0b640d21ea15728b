import {
  AccessDeniedError,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  UnavailableError,
  UnsupportedError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { InvalidEvent, StoreUnavailable, WrongExpectedRevision } from '../errors';
import { classifyAppendError, toStoreError } from './error-translation';
import { StreamNames } from './stream-names';

const names = new StreamNames('vd');

function conflict(streamName: string, current: bigint | typeof NO_STREAM) {
  return new WrongExpectedVersionError(undefined, { streamName, expected: 3n, current });
}

describe('classifyAppendError', () => {
  it('says which stream refused the expected revision, with its actual revision', () => {
    expect(classifyAppendError(conflict('vd~log', 41n), names)).toEqual({ kind: 'conflict', on: 'log', streamName: 'vd~log', actual: 41 });
    expect(classifyAppendError(conflict('vd:nomination-1', 7n), names)).toEqual({
      kind: 'conflict', on: 'stream', streamName: 'vd:nomination-1', actual: 7,
    });
    expect(classifyAppendError(conflict('vd~id~0000', 0n), names)).toEqual({ kind: 'conflict', on: 'claim', streamName: 'vd~id~0000', actual: 0 });
  });

  it('reports a stream that does not exist as revision -1, as the port does', () => {
    const e = new WrongExpectedVersionError(undefined, { streamName: 'vd:n', expected: STREAM_EXISTS, current: NO_STREAM });
    expect(classifyAppendError(e, names)).toMatchObject({ kind: 'conflict', on: 'stream', actual: -1 });
  });

  it('turns a server without multi-stream append into StoreUnavailable naming the version it needs', () => {
    const outcome = classifyAppendError(new UnsupportedError('multiStreamAppend', '25.1'), names);
    expect(outcome.kind).toBe('final');
    const error = (outcome as { error: Error }).error;
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect(error.message).toContain('25.1');
  });

  it('never lets a client error escape untranslated', () => {
    for (const raw of [new UnavailableError(), new AccessDeniedError(), StreamDeletedError.fromStreamName('vd:n'), new Error('socket hang up'), 'text']) {
      const outcome = classifyAppendError(raw, names);
      expect(outcome.kind).toBe('final');
      expect((outcome as { error: Error }).error).toBeInstanceOf(StoreUnavailable);
    }
  });
});

describe('toStoreError', () => {
  it('passes our own errors through unchanged', () => {
    const mine = new WrongExpectedRevision('s', 1, 2);
    expect(toStoreError(mine)).toBe(mine);
    const invalid = new InvalidEvent('events', 'x');
    expect(toStoreError(invalid)).toBe(invalid);
  });

  it('says plainly when the server did not answer', () => {
    expect(toStoreError(new UnavailableError()).message).toMatch(/KurrentDB did not answer \(unavailable\)/);
  });

  it('keeps the client error as the cause', () => {
    const raw = new UnavailableError();
    expect(toStoreError(raw).cause).toBe(raw);
  });
});
