import type { DomainEvent } from '@vinhdanh/domain';
import { isDomainEventType } from '@vinhdanh/domain';
import type { StoredEvent } from '@vinhdanh/event-store';

/**
 * The domain view of a stored event, or null for a type this code does not know (a newer
 * writer): projections skip those rather than guess.
 */
export function domainEvent(event: StoredEvent): DomainEvent | null {
  return isDomainEventType(event.type) ? ({ type: event.type, data: event.data } as unknown as DomainEvent) : null;
}

/** The nomination an event is about, when it is about one. */
export function nominationIdOf(event: StoredEvent): string | null {
  const data = event.data as { nominationId?: unknown } | null;
  return data && typeof data === 'object' && typeof data.nominationId === 'string' ? data.nominationId : null;
}

export function campaignIdOf(event: StoredEvent): string | null {
  const data = event.data as { campaignId?: unknown } | null;
  return data && typeof data === 'object' && typeof data.campaignId === 'string' ? data.campaignId : null;
}

export function councilIdOf(event: StoredEvent): string | null {
  const data = event.data as { councilId?: unknown } | null;
  return data && typeof data === 'object' && typeof data.councilId === 'string' ? data.councilId : null;
}

export function collect(events: readonly StoredEvent[], pick: (e: StoredEvent) => string | null): Set<string> {
  const keys = new Set<string>();
  for (const e of events) {
    const k = pick(e);
    if (k !== null) keys.add(k);
  }
  return keys;
}
