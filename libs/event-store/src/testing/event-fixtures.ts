import { randomUUID } from 'node:crypto';
import type { EventMetadata, JsonValue, NewEvent } from '../event';

/** Metadata as a command handler would build it; fixed clock so retries are identical. */
export function testMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    actor: { id: 'officer-1', roles: ['unit-officer'], unit: 'So Noi vu' },
    correlationId: '7d0f9a7e-2c1b-4a53-9d0e-3f1c2b4a5e60',
    recordedAt: '2026-11-26T08:00:00.000Z',
    ...overrides,
  };
}

export function newEvent(type = 'NominationPledged', data: JsonValue = { target: 'Lao động tiên tiến' }): NewEvent {
  return { eventId: randomUUID(), type, data, metadata: testMetadata() };
}

export function newEvents(count: number, type = 'EvidenceAttached'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent(type, { n: i, note: `minh chứng số ${i}` }));
}

/** A stream id no other test (or earlier run against a shared store) has used. */
export function freshStreamId(prefix = 'nomination'): string {
  return `${prefix}-${randomUUID()}`;
}
