import { DomainRefusal } from './application-errors';
import type { Accepted, DomainEventShape, RunOutcome } from './run-decider';

/** One event a command appended: its type and where it landed, never its data. */
export interface RecordedEvent {
  type: string;
  eventId: string;
  revision: number;
  position: number;
}

/**
 * What every handler returns. Event data is left out on purpose: a caller that needs it reads
 * the stream or a read model, so nothing secret can slip out through a command's answer.
 */
export interface WorkflowResult {
  streamId: string;
  /** The stream's last revision after the command (-1 when it still does not exist). */
  revision: number;
  /** Global log positions of the appended events, in order; empty when nothing changed. */
  positions: number[];
  events: RecordedEvent[];
  /** True when this was a repeat of a command already applied (same idempotency key): nothing new was written. */
  replayed: boolean;
}

export function workflowResult<E extends DomainEventShape, S>(accepted: Accepted<E, S>): WorkflowResult {
  const events = accepted.appended.map((a) => ({ type: a.event.type, eventId: a.eventId, revision: a.revision, position: a.position }));
  return {
    streamId: accepted.streamId,
    revision: accepted.revision,
    positions: events.map((e) => e.position),
    events,
    replayed: accepted.replayed,
  };
}

/** A refusal becomes a DomainRefusal exception, which the API's filter maps to a status. */
export function acceptedOrThrow<E extends DomainEventShape, S>(outcome: RunOutcome<E, S>): Accepted<E, S> {
  if (!outcome.ok) throw new DomainRefusal(outcome.error);
  return outcome;
}
