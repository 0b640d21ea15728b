import { InvalidEvent } from '../errors';
import { newEvent } from '../testing/event-fixtures';
import { validateAppend, validateJson } from './validate-append';

const refusal = (work: () => void): InvalidEvent => {
  try {
    work();
  } catch (error) {
    if (error instanceof InvalidEvent) return error;
    throw error;
  }
  throw new Error('expected InvalidEvent, nothing was thrown');
};

describe('validateAppend', () => {
  it('accepts a well-formed append in every expectation mode', () => {
    for (const expected of ['any', 'no_stream', 'stream_exists', 0, 41] as const) {
      expect(() => validateAppend('nomination-1', [newEvent(), newEvent()], expected)).not.toThrow();
    }
  });

  it.each([
    ['a number stream id', 7, 'streamId'],
    ['a stream id with NUL', 'a\u0000b', 'streamId'],
    ['a stream id with a lone surrogate', 'a\ud800b', 'streamId'],
  ])('refuses %s', (_what, streamId, field) => {
    expect(refusal(() => validateAppend(streamId, [newEvent()], 'any')).field).toBe(field);
  });

  it.each([['-1', -1], ['NaN', NaN], ['2^53', 2 ** 53], ['a string number', '3'], ['null', null]])(
    'refuses expected revision %s',
    (_what, expected) => {
      expect(refusal(() => validateAppend('s', [newEvent()], expected)).field).toBe('expectedRevision');
    },
  );

  it('refuses an event that is not a plain object, or metadata that is missing', () => {
    expect(refusal(() => validateAppend('s', [null], 'any')).field).toBe('events[0]');
    expect(refusal(() => validateAppend('s', [{ ...newEvent(), metadata: undefined }], 'any')).field).toBe('events[0].metadata');
  });

  it('drops undefined optional metadata fields but refuses undefined inside data', () => {
    expect(() => validateAppend('s', [{ ...newEvent(), metadata: { ...newEvent().metadata, causationId: undefined } }], 'any')).not.toThrow();
    expect(refusal(() => validateAppend('s', [{ ...newEvent(), data: { a: undefined } }], 'any')).field).toBe('events[0].data.a');
  });
});

describe('validateJson', () => {
  it('accepts what JSON.parse can produce', () => {
    expect(() => validateJson(JSON.parse('{"a":[1,-0.5,"ệ",null,true,{"b":{}}]}'), 'data')).not.toThrow();
    expect(() => validateJson(Object.assign(Object.create(null), { a: 1 }), 'data')).not.toThrow();
  });

  it.each([
    ['Infinity', { x: [Infinity] }, 'data.x[0]'],
    ['a symbol', { x: Symbol('s') }, 'data.x'],
    ['a Map', { x: new Map() }, 'data.x'],
    ['an array hole', { x: holeAt(1) }, 'data.x[1]'],
    ['a class instance', { x: new (class Score {})() }, 'data.x'],
  ])('refuses %s', (_what, value, field) => {
    expect(refusal(() => validateJson(value, 'data')).field).toBe(field);
  });

  it('refuses a cycle instead of overflowing the stack', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(refusal(() => validateJson(cyclic, 'data')).reason).toBe('contains a cycle');
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { a: 1 };
    expect(() => validateJson({ left: shared, right: shared }, 'data')).not.toThrow();
  });
});

/** [1, <hole>, 3] without a sparse array literal. */
function holeAt(index: number): unknown[] {
  const array: unknown[] = Array.from({ length: index }, (_, i) => i);
  array[index + 1] = 'after the hole';
  return array;
}
