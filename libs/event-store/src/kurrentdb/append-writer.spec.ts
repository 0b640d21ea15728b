import { randomUUID } from 'node:crypto';
import { UnavailableError, type AppendStreamRequest } from '@kurrent/kurrentdb-client';
import { chainHash, GENESIS_HASH } from '@vinhdanh/ledger';
import { verifyEventChain } from '../chain/verify-chain';
import { EventIdConflict, StoreUnavailable, WrongExpectedRevision } from '../errors';
import type { JsonValue, NewEvent, StoredEvent } from '../event';
import { AppendWriter } from './append-writer';
import { FakeKurrentWriteApi } from './testing/fake-kurrent-write-api';
import { decodeLogEntry } from './record-codec';
import { StreamNames } from './stream-names';

const names = new StreamNames('vd-spec');

function event(data: JsonValue = { note: 'minh chứng' }, type = 'EvidenceAttached'): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    data,
    metadata: { actor: { id: 'officer-1', roles: ['unit-officer'] }, correlationId: 'c-1', recordedAt: '2026-11-26T08:00:00.000Z' },
  };
}
const events = (n: number) => Array.from({ length: n }, (_, i) => event({ n: i }));

async function* iterate(items: StoredEvent[]): AsyncIterable<StoredEvent> {
  yield* items;
}

describe('AppendWriter against a simulated KurrentDB', () => {
  let server: FakeKurrentWriteApi;
  let writer: AppendWriter;

  beforeEach(() => {
    server = new FakeKurrentWriteApi(names);
    writer = new AppendWriter(server, names);
  });

  it('gives interleaved streams one gapless order and a hash chain the shared verifier accepts', async () => {
    expect(await writer.append('a', events(2), 'no_stream')).toEqual({ nextExpectedRevision: 1, positions: [0, 1] });
    expect(await writer.append('b', events(1), 'no_stream')).toEqual({ nextExpectedRevision: 0, positions: [2] });
    expect(await writer.append('a', events(2), 1)).toEqual({ nextExpectedRevision: 3, positions: [3, 4] });

    const log = server.allDomainEvents();
    expect(log.map((e) => [e.streamId, e.revision, e.position])).toEqual([
      ['a', 0, 0], ['a', 1, 1], ['b', 0, 2], ['a', 2, 3], ['a', 3, 4],
    ]);
    const verified = await verifyEventChain(iterate(log), 0);
    expect(verified).toEqual({ ok: true, checked: 5, headHash: log[4]!.hash });
    // The hash is exactly @vinhdanh/ledger's chainHash over the event as stored.
    expect(log[0]!.hash).toBe(chainHash(GENESIS_HASH, log[0]!).toString('hex'));
  });

  it('keeps the log stream revision equal to the position, pointing at each event and its hash', async () => {
    await writer.append('a', events(3), 'no_stream');
    await writer.append('b', events(2), 'no_stream');
    const entries = server.streams.get(names.log)!.map(decodeLogEntry);
    const log = server.allDomainEvents();
    expect(entries.map((e) => e.position)).toEqual([0, 1, 2, 3, 4]);
    expect(entries.map((e) => [e.streamId, e.revision, e.eventId, e.hash])).toEqual(log.map((e) => [e.streamId, e.revision, e.eventId, e.hash]));
    expect(entries.map((e) => e.batchFirst)).toEqual([0, 0, 0, 3, 3]);
  });

  it('writes an append with a named expectation in one round trip and no reads beyond the first head', async () => {
    await writer.append('a', events(1), 'no_stream');
    const calls = server.appendCalls;
    const reads = jest.spyOn(server, 'readLastRevision');
    const claims = jest.spyOn(server, 'readClaim');
    const head = jest.spyOn(server, 'readHead');
    await writer.append('a', events(2), 0);
    expect(server.appendCalls).toBe(calls + 1);
    expect(reads).not.toHaveBeenCalled();
    expect(claims).not.toHaveBeenCalled();
    expect(head).not.toHaveBeenCalled();
  });

  it('lets two processes share the log: the one with a stale head re-reads it and retries', async () => {
    const other = new AppendWriter(server, names);
    await writer.append('a', events(1), 'no_stream');
    await other.append('b', events(2), 'no_stream');
    // `writer` still believes the head is position 0.
    expect(await writer.append('a', events(1), 0)).toEqual({ nextExpectedRevision: 1, positions: [3] });
    await other.append('b', events(1), 1);
    const log = server.allDomainEvents();
    expect(log.map((e) => e.position)).toEqual([0, 1, 2, 3, 4]);
    expect((await verifyEventChain(iterate(log), 0)).ok).toBe(true);
  });

  it("pins 'any' to the revision it read, and re-reads when another writer got in first", async () => {
    await writer.append('a', events(1), 'no_stream');
    const other = new AppendWriter(server, names);
    server.beforeAppend = async () => {
      server.beforeAppend = undefined;
      await other.append('a', events(1), 'any');
    };
    expect(await writer.append('a', events(1), 'any')).toEqual({ nextExpectedRevision: 2, positions: [2] });
    const log = server.allDomainEvents();
    expect(log.map((e) => [e.revision, e.position])).toEqual([[0, 0], [1, 1], [2, 2]]);
    expect((await verifyEventChain(iterate(log), 0)).ok).toBe(true);
  });

  it('refuses a stale expected revision with the actual revision the server reported', async () => {
    await writer.append('a', events(4), 'no_stream');
    const attempt = writer.append('a', events(1), 1);
    await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevision);
    await expect(attempt).rejects.toMatchObject({ streamId: 'a', expected: 1, actual: 3 });
    expect(server.allDomainEvents()).toHaveLength(4);
  });

  it("refuses 'stream_exists' on a missing stream and 'no_stream' on an existing one, writing nothing", async () => {
    await expect(writer.append('missing', events(1), 'stream_exists')).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION', actual: -1 });
    await writer.append('a', events(2), 'no_stream');
    await expect(writer.append('a', events(1), 'no_stream')).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION', actual: 1 });
    expect(server.allDomainEvents()).toHaveLength(2);
    expect(server.streams.has(names.domain('missing'))).toBe(false);
  });

  it('answers a retry with the original result, even after the stream moved on', async () => {
    const batch = events(2);
    const original = await writer.append('a', batch, 'no_stream');
    await writer.append('a', events(1), 1);
    const copy = JSON.parse(JSON.stringify(batch)) as NewEvent[];
    expect(await writer.append('a', copy, 'no_stream')).toEqual(original);
    expect(await writer.append('a', copy, 'any')).toEqual(original);
    expect(server.allDomainEvents()).toHaveLength(3);
  });

  it('refuses an eventId reused for other content or in another stream', async () => {
    const first = event({ target: 'Lao động tiên tiến' });
    await writer.append('a', [first], 'no_stream');
    await expect(writer.append('a', [{ ...first, data: { target: 'khác' } }], 'any')).rejects.toBeInstanceOf(EventIdConflict);
    await expect(writer.append('b', [first], 'any')).rejects.toMatchObject({ code: 'EVENT_ID_CONFLICT', eventId: first.eventId });
    await expect(writer.append('a', [first, event()], 'any')).rejects.toBeInstanceOf(EventIdConflict);
    expect(server.allDomainEvents()).toHaveLength(1);
  });

  it('recovers from a failure of unknown outcome: the retry is recognised, the head re-read', async () => {
    await writer.append('a', events(1), 'no_stream');
    const commitThenFail = server.multiStreamAppend.bind(server);
    jest.spyOn(server, 'multiStreamAppend').mockImplementationOnce(async (requests: AppendStreamRequest[]) => {
      await commitThenFail(requests);
      throw new UnavailableError();
    });
    const batch = events(2);
    await expect(writer.append('a', batch, 0)).rejects.toBeInstanceOf(StoreUnavailable);
    expect(await writer.append('a', batch, 0)).toEqual({ nextExpectedRevision: 2, positions: [1, 2] });
    expect(await writer.append('b', events(1), 'no_stream')).toEqual({ nextExpectedRevision: 0, positions: [3] });
    expect((await verifyEventChain(iterate(server.allDomainEvents()), 0)).ok).toBe(true);
  });

  it('round-trips data that is not an object (kept as JSON bytes) with the same hash', async () => {
    await writer.append('a', [event(null), event(42), event(true), event('chuỗi'), event([1, 'hai'])], 'no_stream');
    const log = server.allDomainEvents();
    expect(log.map((e) => e.data)).toEqual([null, 42, true, 'chuỗi', [1, 'hai']]);
    expect((await verifyEventChain(iterate(log), 0)).ok).toBe(true);
  });

  it('gives up with StoreUnavailable when it keeps losing the race for the next position', async () => {
    const impatient = new AppendWriter(server, names, 3);
    const other = new AppendWriter(server, names);
    await impatient.append('a', events(1), 'no_stream');
    server.beforeAppend = async () => {
      await other.append('b', events(1), 'any');
    };
    const calls = server.appendCalls;
    await expect(impatient.append('a', events(1), 0)).rejects.toBeInstanceOf(StoreUnavailable);
    server.beforeAppend = undefined;
    // Three attempts of its own, each preceded by one of the other writer's.
    expect(server.appendCalls - calls).toBe(6);
    expect(server.allDomainEvents().filter((e) => e.streamId === 'a')).toHaveLength(1);
    expect(await impatient.append('a', events(1), 0)).toMatchObject({ nextExpectedRevision: 1 });
  });
});
