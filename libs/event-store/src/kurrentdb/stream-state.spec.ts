import { NO_STREAM } from '@kurrent/kurrentdb-client';
import { assumedLastRevision, lastRevisionOf, pinnedStreamState, toSafeNumber } from './stream-state';

describe('stream state mapping', () => {
  it('takes the last revision from an expectation that names one, and from no other', () => {
    expect(assumedLastRevision('no_stream')).toBe(-1);
    expect(assumedLastRevision(0)).toBe(0);
    expect(assumedLastRevision(41)).toBe(41);
    expect(assumedLastRevision('any')).toBeUndefined();
    expect(assumedLastRevision('stream_exists')).toBeUndefined();
  });

  it('pins an append to NO_STREAM or to the exact revision as a bigint', () => {
    expect(pinnedStreamState(-1)).toBe(NO_STREAM);
    expect(pinnedStreamState(0)).toBe(0n);
    expect(pinnedStreamState(9007199254740991)).toBe(9007199254740991n);
    expect(() => pinnedStreamState(-2)).toThrow(RangeError);
    expect(() => pinnedStreamState(1.5)).toThrow(RangeError);
  });

  it('reads KurrentDB current states back as our revisions', () => {
    expect(lastRevisionOf(NO_STREAM)).toBe(-1);
    expect(lastRevisionOf(0n)).toBe(0);
    expect(lastRevisionOf(17n)).toBe(17);
    expect(lastRevisionOf(-5n)).toBe(-1);
    expect(lastRevisionOf(-6n)).toBe(-1);
  });

  it('refuses a 64-bit value that a JavaScript number would round', () => {
    expect(toSafeNumber(9007199254740991n, 'position')).toBe(9007199254740991);
    expect(() => toSafeNumber(9007199254740992n, 'position')).toThrow(/position 9007199254740992/);
  });
});
