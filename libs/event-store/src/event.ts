/** JSON as it is stored: what JSON.parse can give back. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who acted. Comes from the verified token, or from the job that acts for the rules. */
export interface Actor {
  id: string;
  roles: string[];
  unit?: string;
}

/**
 * Everything about an event that is not its payload. The caller supplies all of it,
 * recordedAt included, so that a retried append is byte-identical and hashes the same.
 */
export interface EventMetadata {
  actor: Actor;
  correlationId: string;
  causationId?: string;
  idempotencyKey?: string;
  /** ISO-8601 instant, from the command's clock. */
  recordedAt: string;
  [extra: string]: JsonValue | Actor | undefined;
}

export interface NewEvent<T extends string = string, D extends JsonValue = JsonValue> {
  /** UUID chosen by the caller; a retry with the same id and content is a no-op. */
  eventId: string;
  type: T;
  data: D;
  metadata: EventMetadata;
}

export interface StoredEvent<T extends string = string, D extends JsonValue = JsonValue> extends NewEvent<T, D> {
  streamId: string;
  /** 0-based, no gaps within a stream. */
  revision: number;
  /** 0-based, no gaps in the global log; equals the event's Merkle leaf index. */
  position: number;
  /** Hex SHA-256(prevHash ‖ canonical event); see @vinhdanh/ledger chainHash. */
  hash: string;
}

/**
 * 'any': no check. 'no_stream': the stream must not exist. 'stream_exists': it must.
 * A number: the stream's last revision must be exactly this.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** The stream's revision after the append (its last event's revision). */
  nextExpectedRevision: number;
  /** Global positions of the appended events, in order. */
  positions: number[];
}
