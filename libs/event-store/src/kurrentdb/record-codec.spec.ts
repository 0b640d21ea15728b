import type { EventData, RecordedEvent } from '@kurrent/kurrentdb-client';
import { chainHash, GENESIS_HASH } from '@vinhdanh/ledger';
import type { JsonValue } from '../event';
import {
  decodeClaim,
  decodeDomainEvent,
  decodeLogEntry,
  encodeClaim,
  encodeDomainEvent,
  encodeLogEntry,
  UnreadableRecord,
  type ChainedRow,
} from './record-codec';
import { StreamNames } from './stream-names';
import { SimulatedKurrentDb } from './testing/simulated-kurrentdb';

const names = new StreamNames('vd');
const metadata = { actor: { id: 'officer-1', roles: ['unit-officer'] }, correlationId: 'c-1', recordedAt: '2026-11-26T08:00:00.000Z' };

function row(data: JsonValue, position = 7, revision = 2): ChainedRow {
  const fields = { position, streamId: 'nomination-1', revision, eventId: '0b6f3c52-6f7e-4d38-9a43-5b0c1d2e3f40', type: 'NominationPledged', data, metadata };
  return { ...fields, data: JSON.stringify(data), metadata: JSON.stringify(metadata), hash: chainHash(GENESIS_HASH, fields) };
}

/** Stores `event` in a simulated server and reads it back as the client would return it. */
function roundTrip(streamName: string, event: EventData): RecordedEvent {
  const server = new SimulatedKurrentDb();
  server.writeForeign(streamName, event);
  return server.recordsOf(streamName)[0]!;
}

describe('record codec', () => {
  it.each<[string, JsonValue]>([
    ['an object', { target: 'Chiến sĩ thi đua', n: 1e21 }],
    ['an array', [1, 'hai', null]],
    ['a string', 'chuỗi'],
    ['null', null],
    ['a number', 42.5],
    ['a boolean', false],
  ])('round-trips an event whose data is %s, with its position, hash and metadata', (_what, data) => {
    const r = row(data);
    const recorded = { ...roundTrip(names.domain('nomination-1'), encodeDomainEvent(r)), revision: 2n };
    expect(decodeDomainEvent(recorded, names)).toEqual({
      eventId: r.eventId,
      type: r.type,
      data,
      metadata,
      streamId: 'nomination-1',
      revision: 2,
      position: 7,
      hash: r.hash.toString('hex'),
    });
  });

  it('sends only string properties, as multi-stream append requires, and a fresh record id each time', () => {
    const r = row({ a: 1 });
    const first = encodeDomainEvent(r);
    const second = encodeDomainEvent(r);
    expect(Object.values(first.metadata as object).every((v) => typeof v === 'string')).toBe(true);
    expect(first.id).not.toBe(r.eventId);
    expect(first.id).not.toBe(second.id);
    expect(encodeLogEntry(r, 5).id).not.toBe(encodeLogEntry(r, 5).id);
    expect(encodeClaim(r).id).not.toBe(encodeClaim(r).id);
  });

  it('refuses a record it did not write, saying where it is', () => {
    const foreign = roundTrip(names.domain('nomination-1'), { id: crypto.randomUUID(), contentType: 'application/json', type: 'X', data: { forged: true }, metadata: undefined });
    expect(() => decodeDomainEvent(foreign, names)).toThrow(UnreadableRecord);
    expect(() => decodeDomainEvent(foreign, names)).toThrow(/0@vd:nomination-1: has no Vinh Danh properties/);

    const event = encodeDomainEvent(row({ a: 1 }));
    const badPosition = roundTrip(names.domain('n'), { ...event, metadata: { ...(event.metadata as object), 'vinhdanh.position': '-1' } });
    expect(() => decodeDomainEvent(badPosition, names)).toThrow(/position "-1" is not a whole number/);

    const elsewhere = roundTrip('other-app:n', event);
    expect(() => decodeDomainEvent(elsewhere, names)).toThrow(/not a domain stream/);
  });

  it('round-trips a log entry, with its revision as the position and its $all position', () => {
    const r = row({ a: 1 });
    const recorded = { ...roundTrip(names.log, encodeLogEntry(r, 5)), revision: 7n };
    const entry = decodeLogEntry(recorded);
    expect(entry).toMatchObject({ position: 7, streamId: 'nomination-1', revision: 2, eventId: r.eventId, hash: r.hash.toString('hex'), batchFirst: 5 });
    expect(entry.allPosition).toEqual(recorded.position);
  });

  it('refuses a log entry that is malformed or points past itself', () => {
    const r = row({ a: 1 });
    const entry = encodeLogEntry(r, 5);
    expect(() => decodeLogEntry({ ...roundTrip(names.log, entry), revision: 4n })).toThrow(/batchFirst is out of range/);
    const noHash = { ...entry, data: { ...(entry.data as object), hash: 'zz' } } as EventData;
    expect(() => decodeLogEntry({ ...roundTrip(names.log, noHash), revision: 7n })).toThrow(/not a well-formed log entry/);
    const other = { ...entry, type: 'SomethingElse' } as EventData;
    expect(() => decodeLogEntry(roundTrip(names.log, other))).toThrow(UnreadableRecord);
  });

  it('round-trips a claim and refuses anything else in a claim stream', () => {
    const r = row({ a: 1 });
    expect(decodeClaim(roundTrip(names.claim(r.eventId), encodeClaim(r)))).toEqual({ streamId: 'nomination-1', revision: 2, position: 7 });
    const other = { ...encodeClaim(r), type: 'X' } as EventData;
    expect(() => decodeClaim(roundTrip(names.claim(r.eventId), other))).toThrow(UnreadableRecord);
  });
});
