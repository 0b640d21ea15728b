import { randomUUID } from 'node:crypto';
import type { EventData, Position, RecordedEvent } from '@kurrent/kurrentdb-client';
import type { EventMetadata, JsonValue, StoredEvent } from '../event';
import type { StreamNames } from './stream-names';
import { toSafeNumber } from './stream-state';

/** One event with its place in the log and its chained hash, ready to be written. */
export interface ChainedRow {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  /** JSON text */
  data: string;
  /** JSON text */
  metadata: string;
  hash: Buffer;
}

/**
 * A KurrentDB record in our namespace that this adapter did not write (or a later version wrote
 * differently). The log is then not what the chain says it is: readers stop instead of
 * guessing, and verifyChain names the position.
 */
export class UnreadableRecord extends Error {
  constructor(readonly streamName: string, readonly revision: bigint, reason: string) {
    super(`KurrentDB record ${revision}@${streamName}: ${reason}`);
    this.name = 'UnreadableRecord';
  }
}

export const LOG_ENTRY_TYPE = 'vinhdanh.log-entry';
export const CLAIM_TYPE = 'vinhdanh.event-id-claim';

/*
 * Multi-stream append (KurrentDB ≥ 25.1) accepts metadata only as string → string properties.
 * The event's own metadata therefore travels as JSON text in one property, beside the position
 * and hash this adapter assigns. KurrentDB adds its own `$schema.*` keys; we ignore them.
 */
const P_EVENT_ID = 'vinhdanh.eventId';
const P_POSITION = 'vinhdanh.position';
const P_HASH = 'vinhdanh.hash';
const P_METADATA = 'vinhdanh.metadata';

/*
 * Record ids are fresh for every record of every attempt, never the caller's eventId (which
 * travels as a property) nor anything derived from it. KurrentDB treats a write whose record ids
 * already follow the expected revision as an idempotent repeat and succeeds without writing; if
 * it did so for the event stream or a claim inside a multi-stream append whose log part is new,
 * the log would gain entries for events that were not written again. With fresh ids every
 * repeat is a plain conflict, and the claims decide, as for every other backend, whether it is a
 * retry or an EventIdConflict.
 */

export function encodeDomainEvent(row: ChainedRow): EventData {
  const metadata = {
    [P_EVENT_ID]: row.eventId,
    [P_POSITION]: String(row.position),
    [P_HASH]: row.hash.toString('hex'),
    [P_METADATA]: row.metadata,
  };
  const data: unknown = JSON.parse(row.data);
  // Objects, arrays and strings are JSON documents KurrentDB can show and project; a bare
  // number, boolean or null is kept as its JSON bytes so that it round-trips exactly.
  if (typeof data === 'string' || (typeof data === 'object' && data !== null)) {
    return { id: randomUUID(), contentType: 'application/json', type: row.type, data: data as string | object[], metadata };
  }
  return { id: randomUUID(), contentType: 'application/octet-stream', type: row.type, data: Buffer.from(row.data, 'utf8'), metadata };
}

export function decodeDomainEvent(recorded: RecordedEvent, names: StreamNames): StoredEvent {
  const fail = (reason: string) => new UnreadableRecord(recorded.streamId, recorded.revision, reason);
  const streamId = names.streamIdOf(recorded.streamId);
  if (streamId === undefined) throw fail(`not a domain stream of prefix "${names.prefix}"`);
  const props = recorded.metadata;
  if (typeof props !== 'object' || props === null || Array.isArray(props) || props instanceof Uint8Array) {
    throw fail('has no Vinh Danh properties');
  }
  const bag = props as Record<string, unknown>;
  const eventId = bag[P_EVENT_ID];
  const position = bag[P_POSITION];
  const hash = bag[P_HASH];
  const metadataText = bag[P_METADATA];
  if (typeof eventId !== 'string' || typeof position !== 'string' || typeof hash !== 'string' || typeof metadataText !== 'string') {
    throw fail('has no Vinh Danh properties');
  }
  if (!/^(0|[1-9][0-9]*)$/.test(position)) throw fail(`position "${position}" is not a whole number`);
  let data: JsonValue;
  let metadata: EventMetadata;
  try {
    data = recorded.isJson ? (recorded.data as JsonValue) : (JSON.parse(Buffer.from(recorded.data as Uint8Array).toString('utf8')) as JsonValue);
    metadata = JSON.parse(metadataText) as EventMetadata;
  } catch {
    throw fail('data or metadata is not JSON');
  }
  return {
    eventId,
    type: recorded.type,
    data,
    metadata,
    streamId,
    revision: toSafeNumber(recorded.revision, 'revision'),
    position: toSafeNumber(BigInt(position), 'position'),
    hash,
  };
}

/** What the log stream holds at revision = position. */
export interface LogEntry {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  hash: string;
  /** Position of the first event written by the same append. */
  batchFirst: number;
  /** Where the entry sits in `$all`; absent on servers that do not report it. */
  allPosition?: Position;
}

export function encodeLogEntry(row: ChainedRow, batchFirst: number): EventData {
  return {
    id: randomUUID(),
    contentType: 'application/json',
    type: LOG_ENTRY_TYPE,
    data: { stream: row.streamId, revision: row.revision, eventId: row.eventId, hash: row.hash.toString('hex'), batchFirst },
    metadata: undefined,
  };
}

export function decodeLogEntry(recorded: RecordedEvent): LogEntry {
  const fail = (reason: string) => new UnreadableRecord(recorded.streamId, recorded.revision, reason);
  if (recorded.type !== LOG_ENTRY_TYPE || !recorded.isJson) throw fail(`is not a ${LOG_ENTRY_TYPE}`);
  const d = recorded.data as Record<string, unknown>;
  if (
    typeof d !== 'object' || d === null ||
    typeof d.stream !== 'string' || !Number.isSafeInteger(d.revision) || typeof d.eventId !== 'string' ||
    typeof d.hash !== 'string' || !/^[0-9a-f]{64}$/.test(d.hash) || !Number.isSafeInteger(d.batchFirst)
  ) {
    throw fail('is not a well-formed log entry');
  }
  const position = toSafeNumber(recorded.revision, 'position');
  if ((d.batchFirst as number) > position || (d.batchFirst as number) < 0) throw fail('batchFirst is out of range');
  return {
    position,
    streamId: d.stream,
    revision: d.revision as number,
    eventId: d.eventId,
    hash: d.hash,
    batchFirst: d.batchFirst as number,
    allPosition: recorded.position,
  };
}

/** What a claim stream holds: where the one event with this id lives. */
export interface Claim {
  streamId: string;
  revision: number;
  position: number;
}

export function encodeClaim(row: ChainedRow): EventData {
  return {
    id: randomUUID(),
    contentType: 'application/json',
    type: CLAIM_TYPE,
    data: { stream: row.streamId, revision: row.revision, position: row.position },
    metadata: undefined,
  };
}

export function decodeClaim(recorded: RecordedEvent): Claim {
  const d = recorded.data as Record<string, unknown>;
  if (
    recorded.type !== CLAIM_TYPE || !recorded.isJson || typeof d !== 'object' || d === null ||
    typeof d.stream !== 'string' || !Number.isSafeInteger(d.revision) || !Number.isSafeInteger(d.position)
  ) {
    throw new UnreadableRecord(recorded.streamId, recorded.revision, `is not a ${CLAIM_TYPE}`);
  }
  return { streamId: d.stream, revision: d.revision as number, position: d.position as number };
}
