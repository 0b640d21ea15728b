import { InvalidEvent } from '../errors';
import type { ExpectedRevision, NewEvent } from '../event';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Refuses an append before anything is written. Every backend calls this first, so a value
 * that one backend would store and another would mangle (NaN, a Date, a lone surrogate in a
 * stream id, a NUL that PostgreSQL text cannot hold) is refused everywhere alike.
 */
export function validateAppend(streamId: unknown, events: unknown, expected: unknown): asserts events is NewEvent[] {
  validateStreamId(streamId);
  validateExpectedRevision(expected);
  if (!Array.isArray(events)) throw new InvalidEvent('events', 'must be an array');
  if (events.length === 0) throw new InvalidEvent('events', 'an append needs at least one event');
  const seen = new Set<string>();
  events.forEach((event: unknown, i: number) => {
    validateNewEvent(event, `events[${i}]`);
    const id = (event as NewEvent).eventId.toLowerCase();
    if (seen.has(id)) throw new InvalidEvent(`events[${i}].eventId`, 'appears twice in one append');
    seen.add(id);
  });
}

export function validateStreamId(streamId: unknown): asserts streamId is string {
  validateName(streamId, 'streamId');
}

export function validateExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new InvalidEvent('expectedRevision', "must be 'any', 'no_stream', 'stream_exists' or a whole number ≥ 0");
}

export function validateNewEvent(event: unknown, field = 'event'): asserts event is NewEvent {
  if (!isPlainObject(event)) throw new InvalidEvent(field, 'must be an object');
  const { eventId, type, data, metadata } = event;
  if (typeof eventId !== 'string' || !UUID.test(eventId)) throw new InvalidEvent(`${field}.eventId`, 'must be a UUID');
  validateName(type, `${field}.type`);
  if (data === undefined) throw new InvalidEvent(`${field}.data`, 'is missing');
  validateJson(data, `${field}.data`);
  if (!isPlainObject(metadata)) throw new InvalidEvent(`${field}.metadata`, 'must be an object');
  // Optional metadata fields (causationId?: string) are often spelled out as undefined; they
  // are dropped on write exactly as JSON.stringify and the canonical form drop them.
  validateJson(metadata, `${field}.metadata`, { undefinedProperties: 'drop' });
}

function validateName(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new InvalidEvent(field, 'must be a non-empty string');
  if (value.includes('\u0000')) throw new InvalidEvent(field, 'must not contain a NUL character');
  if (LONE_SURROGATE.test(value)) throw new InvalidEvent(field, 'must be well-formed Unicode (no lone surrogates)');
}

/**
 * Only what JSON.parse could give back: null, booleans, finite numbers, strings, arrays and
 * plain objects, without cycles. Anything else would not survive the round trip unchanged.
 */
export function validateJson(
  value: unknown,
  field: string,
  options: { undefinedProperties: 'refuse' | 'drop' } = { undefinedProperties: 'refuse' },
  ancestors: object[] = [],
): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new InvalidEvent(field, `${value} is not a JSON number`);
      return;
    case 'object':
      break;
    default:
      // undefined, function, symbol, bigint
      throw new InvalidEvent(field, `a ${typeof value} is not JSON`);
  }
  if (value === null) return;
  if (ancestors.includes(value)) throw new InvalidEvent(field, 'contains a cycle');
  const path = [...ancestors, value];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new InvalidEvent(`${field}[${i}]`, 'a hole in an array is not JSON');
      validateJson(value[i], `${field}[${i}]`, options, path);
    }
    return;
  }
  if (!isPlainObject(value)) throw new InvalidEvent(field, `a ${value.constructor?.name ?? 'non-plain'} object is not JSON`);
  if (Object.getOwnPropertySymbols(value).length > 0) throw new InvalidEvent(field, 'symbol keys are not JSON');
  for (const key of Object.keys(value)) {
    if (value[key] === undefined && options.undefinedProperties === 'drop') continue;
    validateJson(value[key], `${field}.${key}`, options, path);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
