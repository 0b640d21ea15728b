import type { DomainEvent } from './streams';
import { EVENT_TYPES, EVENT_STREAM_KIND } from './streams';

/** Mirrors the event store's JsonValue: event data must be assignable to it without casts. */
type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

// A compile-time check: if any event's data stops being plain JSON, this line fails to type-check.
const _dataIsJson = (e: DomainEvent): JsonValue => e.data;

describe('event registry', () => {
  it('lists every event type once and maps each to a stream kind', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    for (const type of EVENT_TYPES) expect(['campaign', 'council', 'nomination']).toContain(EVENT_STREAM_KIND[type]);
    expect(Object.keys(EVENT_STREAM_KIND).sort()).toEqual([...EVENT_TYPES].sort());
  });
});
