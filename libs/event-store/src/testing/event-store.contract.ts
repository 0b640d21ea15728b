import { randomUUID } from 'node:crypto';
import { EventIdConflict, InvalidEvent, WrongExpectedRevision } from '../errors';
import type { AppendResult, ExpectedRevision, JsonValue, NewEvent, StoredEvent } from '../event';
import type { EventStore } from '../event-store.port';
import { freshStreamId, newEvent, newEvents, testMetadata } from './event-fixtures';
import type { Tamper } from './tamper';

export interface ContractFixture {
  store: EventStore;
  /** Direct access to storage for the tamper cases; see ContractOptions.tamper. */
  tamper?: Tamper;
  cleanup(): Promise<void>;
}

export interface ContractOptions {
  /**
   * Whether to run the cases that edit storage behind the store's back. Default true; a
   * backend whose storage cannot be edited (KurrentDB) passes false and those cases are skipped.
   */
  tamper?: boolean;
}

/**
 * The one behaviour every EventStore adapter must have. Tests use fresh stream ids and
 * positions relative to the head they start from, so the suite also runs against a shared,
 * non-empty store. Call it from an adapter's spec file.
 */
export function runEventStoreContract(
  name: string,
  factory: () => Promise<ContractFixture>,
  options: ContractOptions = {},
): void {
  describe(`${name}: EventStore contract`, () => {
    let fixture: ContractFixture;
    let store: EventStore;
    let base: number;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
      base = (await store.headPosition()) + 1;
    });

    afterEach(async () => {
      await fixture.store.close();
      await fixture.cleanup();
    });

    const readStream = (streamId: string, fromRevision?: number) => collect(store.readStream(streamId, { fromRevision }));
    const readFromBase = () => collect(store.readAll({ fromPosition: base }));

    describe('append and read', () => {
      it('stores a multi-event append in order, at consecutive positions and revisions', async () => {
        const streamId = freshStreamId();
        const events = newEvents(3);
        const result = await store.append(streamId, events, 'no_stream');

        expect(result).toEqual({ nextExpectedRevision: 2, positions: [base, base + 1, base + 2] });
        const stored = await readStream(streamId);
        expect(stored.map(strip)).toEqual(events.map((e, i) => ({ ...e, streamId, revision: i, position: base + i })));
        expect(stored.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
        expect((await readFromBase()).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
        expect(await store.headPosition()).toBe(base + 2);
      });

      it('reads a stream from a given revision', async () => {
        const streamId = freshStreamId();
        const events = newEvents(5);
        await store.append(streamId, events, 'no_stream');
        expect((await readStream(streamId, 3)).map((e) => e.eventId)).toEqual(events.slice(3).map((e) => e.eventId));
        expect(await readStream(freshStreamId())).toEqual([]);
      });

      it('pages through the log with an inclusive range whatever the batch size', async () => {
        const streams = [freshStreamId(), freshStreamId(), freshStreamId()];
        for (let i = 0; i < 25; i++) await store.append(streams[i % 3]!, [newEvent()], 'any');
        const page = await collect(store.readAll({ fromPosition: base + 3, toPosition: base + 20, batchSize: 4 }));
        expect(page.map((e) => e.position)).toEqual(range(base + 3, base + 20));
        const all = await collect(store.readAll({ fromPosition: base, batchSize: 7 }));
        expect(all.map((e) => e.position)).toEqual(range(base, base + 24));
      });

      it('refuses nonsensical read options with a RangeError instead of looping or reading nothing', async () => {
        await expect(collect(store.readAll({ batchSize: 0 }))).rejects.toBeInstanceOf(RangeError);
        await expect(collect(store.readAll({ fromPosition: -1 }))).rejects.toBeInstanceOf(RangeError);
        await expect(collect(store.readStream(freshStreamId(), { fromRevision: 1.5 }))).rejects.toBeInstanceOf(RangeError);
        expect(() => store.subscribe({ fromPosition: -1 }, () => undefined)).toThrow(RangeError);
        await expect(store.verifyChain({ from: -2 })).rejects.toBeInstanceOf(RangeError);
      });

      it('interleaves streams in one gapless global order', async () => {
        const a = freshStreamId();
        const b = freshStreamId();
        await store.append(a, newEvents(2), 'no_stream');
        await store.append(b, newEvents(1), 'no_stream');
        await store.append(a, newEvents(2), 1);
        const log = await readFromBase();
        expect(log.map((e) => [e.streamId, e.revision, e.position])).toEqual([
          [a, 0, base],
          [a, 1, base + 1],
          [b, 0, base + 2],
          [a, 2, base + 3],
          [a, 3, base + 4],
        ]);
      });
    });

    describe('expected revision', () => {
      const modes: Array<{
        mode: string;
        expected: (last: number) => ExpectedRevision;
        onMissing: 'ok' | 'refused';
        onExisting: 'ok' | 'refused';
      }> = [
        { mode: "'any'", expected: () => 'any', onMissing: 'ok', onExisting: 'ok' },
        { mode: "'no_stream'", expected: () => 'no_stream', onMissing: 'ok', onExisting: 'refused' },
        { mode: "'stream_exists'", expected: () => 'stream_exists', onMissing: 'refused', onExisting: 'ok' },
        { mode: 'the last revision', expected: (last) => Math.max(last, 0), onMissing: 'refused', onExisting: 'ok' },
      ];

      for (const { mode, expected, onMissing, onExisting } of modes) {
        it(`${mode} on a missing stream: ${onMissing === 'ok' ? 'appends atomically' : 'refuses, writes nothing'}`, async () => {
          const streamId = freshStreamId();
          const events = newEvents(3);
          const attempt = store.append(streamId, events, expected(-1));
          if (onMissing === 'ok') {
            expect(await attempt).toEqual({ nextExpectedRevision: 2, positions: [base, base + 1, base + 2] });
            expect((await readStream(streamId)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
          } else {
            await expectWrongRevision(attempt, streamId, -1);
            expect(await readStream(streamId)).toEqual([]);
            expect(await store.headPosition()).toBe(base - 1);
          }
        });

        it(`${mode} on an existing stream: ${onExisting === 'ok' ? 'appends atomically' : 'refuses, writes nothing'}`, async () => {
          const streamId = freshStreamId();
          await store.append(streamId, newEvents(2), 'no_stream');
          const events = newEvents(3);
          const attempt = store.append(streamId, events, expected(1));
          if (onExisting === 'ok') {
            expect(await attempt).toEqual({ nextExpectedRevision: 4, positions: [base + 2, base + 3, base + 4] });
            expect((await readStream(streamId)).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
          } else {
            await expectWrongRevision(attempt, streamId, 1);
            expect(await readStream(streamId)).toHaveLength(2);
            expect(await store.headPosition()).toBe(base + 1);
          }
        });
      }

      it('refuses a stale revision and reports the actual one', async () => {
        const streamId = freshStreamId();
        await store.append(streamId, newEvents(4), 'no_stream');
        await expectWrongRevision(store.append(streamId, newEvents(1), 2), streamId, 3);
        await expectWrongRevision(store.append(streamId, newEvents(1), 9), streamId, 3);
        expect(await store.headPosition()).toBe(base + 3);
      });

      it('lets exactly one of two writers with the same expected revision win, whole, without burning a position', async () => {
        const streamId = freshStreamId();
        await store.append(streamId, newEvents(1), 'no_stream');
        const first = newEvents(2, 'ScoreRecorded');
        const second = newEvents(2, 'ScoreRecorded');
        const outcomes = await Promise.allSettled([store.append(streamId, first, 0), store.append(streamId, second, 0)]);

        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]!.reason).toBeInstanceOf(WrongExpectedRevision);
        expect((lost[0]!.reason as WrongExpectedRevision).actual).toBe(2);

        const winner = outcomes[0]!.status === 'fulfilled' ? first : second;
        const stream = await readStream(streamId);
        expect(stream.slice(1).map((e) => e.eventId)).toEqual(winner.map((e) => e.eventId));

        await store.append(freshStreamId(), newEvents(1), 'no_stream');
        expect((await readFromBase()).map((e) => e.position)).toEqual(range(base, base + 3));
      });

      it('keeps the log gapless under many rounds of contended appends', async () => {
        const streamId = freshStreamId();
        let revision: ExpectedRevision = 'no_stream';
        let written = 0;
        for (let round = 0; round < 10; round++) {
          const contenders = Array.from({ length: 6 }, () => newEvents(1 + (round % 3)));
          const outcomes = await Promise.allSettled(contenders.map((events) => store.append(streamId, events, revision)));
          const winners = outcomes.filter((o): o is PromiseFulfilledResult<AppendResult> => o.status === 'fulfilled');
          expect(winners).toHaveLength(1);
          for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedRevision);
          revision = winners[0]!.value.nextExpectedRevision;
          written += 1 + (round % 3);
        }
        const log = await readFromBase();
        expect(log.map((e) => e.position)).toEqual(range(base, base + written - 1));
        expect(log.map((e) => e.revision)).toEqual(range(0, written - 1));
      });

      it('refuses one call of a simultaneous group without disturbing the others', async () => {
        const a = freshStreamId();
        const b = freshStreamId();
        const c = freshStreamId();
        await store.append(b, newEvents(1), 'no_stream');
        const outcomes = await Promise.allSettled([
          store.append(a, newEvents(2), 'no_stream'),
          store.append(b, newEvents(2), 'no_stream'),
          store.append(c, newEvents(2), 'no_stream'),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(await readStream(b)).toHaveLength(1);
        const log = await readFromBase();
        expect(log.map((e) => e.position)).toEqual(range(base, base + 4));
        expect(log.slice(1).map((e) => e.streamId)).toEqual([a, a, c, c]);
      });
    });

    describe('idempotent retries', () => {
      it('treats a retry with the same ids and content as a no-op returning the original positions', async () => {
        const streamId = freshStreamId();
        const events = newEvents(2);
        const original = await store.append(streamId, events, 'no_stream');
        await store.append(streamId, newEvents(1), 1);

        // The retry still carries the expectation of the first attempt: it must not matter.
        expect(await store.append(streamId, clone(events), 'no_stream')).toEqual(original);
        expect(await store.append(streamId, clone(events), 'any')).toEqual(original);
        expect(await readStream(streamId)).toHaveLength(3);
        expect(await store.headPosition()).toBe(base + 2);
      });

      it('recognises content equal up to key order as the same retry', async () => {
        const streamId = freshStreamId();
        const event: NewEvent = { ...newEvent(), data: { a: 1, b: { c: 'ạ', d: [1, 2] } } };
        const original = await store.append(streamId, [event], 'no_stream');
        const reordered: NewEvent = { ...event, data: { b: { d: [1, 2], c: 'ạ' }, a: 1 } };
        expect(await store.append(streamId, [reordered], 0)).toEqual(original);
      });

      it('stores concurrent identical retries once', async () => {
        const streamId = freshStreamId();
        const events = newEvents(2);
        const results = await Promise.all([1, 2, 3].map(() => store.append(streamId, clone(events), 'no_stream')));
        expect(results[1]).toEqual(results[0]);
        expect(results[2]).toEqual(results[0]);
        expect(await readStream(streamId)).toHaveLength(2);
      });

      it.each([
        ['other data', (e: NewEvent) => ({ ...e, data: { target: 'Chiến sĩ thi đua cơ sở' } })],
        ['another type', (e: NewEvent) => ({ ...e, type: 'NominationWithdrawn' })],
        ['other metadata', (e: NewEvent) => ({ ...e, metadata: testMetadata({ correlationId: randomUUID() }) })],
      ])('refuses an eventId reused with %s (EventIdConflict) and writes nothing', async (_what, change) => {
        const streamId = freshStreamId();
        const event = newEvent();
        await store.append(streamId, [event], 'no_stream');
        const attempt = store.append(streamId, [change(event) as NewEvent], 'any');
        await expect(attempt).rejects.toBeInstanceOf(EventIdConflict);
        await expect(attempt).rejects.toMatchObject({ code: 'EVENT_ID_CONFLICT', eventId: event.eventId });
        expect(await readStream(streamId)).toHaveLength(1);
      });

      it('refuses an eventId reused in another stream, or mixed with new events', async () => {
        const streamId = freshStreamId();
        const event = newEvent();
        await store.append(streamId, [event], 'no_stream');
        await expect(store.append(freshStreamId(), [clone(event)], 'any')).rejects.toBeInstanceOf(EventIdConflict);
        await expect(store.append(streamId, [clone(event), newEvent()], 'any')).rejects.toBeInstanceOf(EventIdConflict);
        expect(await store.headPosition()).toBe(base);
      });
    });

    describe('subscriptions', () => {
      it('catches up, then follows 4 concurrent writers, delivering every event once in position order', async () => {
        const before = newEvents(5);
        await store.append(freshStreamId(), before, 'no_stream');

        const writers = 4;
        const appendsPerWriter = 30;
        const total = before.length + writers * appendsPerWriter * 2;
        const delivered: StoredEvent[] = [];
        let reachedTotal!: () => void;
        const allDelivered = new Promise<void>((resolve) => (reachedTotal = resolve));
        const subscription = store.subscribe({ fromPosition: base, batchSize: 16 }, (batch) => {
          delivered.push(...batch);
          if (delivered.length >= total) reachedTotal();
        });

        const written: string[] = before.map((e) => e.eventId);
        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            let revision: ExpectedRevision = 'no_stream';
            const streamId = freshStreamId(`writer-${w}`);
            for (let i = 0; i < appendsPerWriter; i++) {
              const events = newEvents(2);
              written.push(...events.map((e) => e.eventId));
              revision = (await store.append(streamId, events, revision)).nextExpectedRevision;
            }
          }),
        );
        await allDelivered;
        await subscription.stop();
        await subscription.done;

        expect(delivered.map((e) => e.position)).toEqual(range(base, base + total - 1));
        expect(new Set(delivered.map((e) => e.eventId))).toEqual(new Set(written));
        expect(delivered).toEqual(await readFromBase());
      });

      it('restarts from a checkpoint without skipping or repeating', async () => {
        await store.append(freshStreamId(), newEvents(10), 'no_stream');
        const firstRun: StoredEvent[] = [];
        let gotTen!: () => void;
        const ten = new Promise<void>((resolve) => (gotTen = resolve));
        const first = store.subscribe({ fromPosition: base, batchSize: 3 }, (batch) => {
          firstRun.push(...batch);
          if (firstRun.length >= 10) gotTen();
        });
        await ten;
        await first.stop();
        const checkpoint = firstRun[firstRun.length - 1]!.position + 1;

        await store.append(freshStreamId(), newEvents(7), 'no_stream');
        const secondRun: StoredEvent[] = [];
        let gotRest!: () => void;
        const rest = new Promise<void>((resolve) => (gotRest = resolve));
        const second = store.subscribe({ fromPosition: checkpoint }, (batch) => {
          secondRun.push(...batch);
          if (secondRun.length >= 7) gotRest();
        });
        await rest;
        await second.stop();

        expect([...firstRun, ...secondRun].map((e) => e.position)).toEqual(range(base, base + 16));
      });

      it('stops and rejects `done` when the handler throws', async () => {
        await store.append(freshStreamId(), newEvents(3), 'no_stream');
        let calls = 0;
        const subscription = store.subscribe({ fromPosition: base, batchSize: 1 }, () => {
          calls += 1;
          throw new Error('projection failed');
        });
        await expect(subscription.done).rejects.toThrow('projection failed');
        expect(calls).toBe(1);
      });
    });

    describe('payloads', () => {
      it('round-trips a 1 MB payload byte for byte', async () => {
        const big = 'Hồ sơ đề nghị khen thưởng — ';
        const data = {
          text: big.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(big))),
          numbers: Array.from({ length: 1000 }, (_, i) => i * 1.5),
          nested: { deep: { deeper: [null, true, false, 0, -1, 1e21, 'x'] } },
        };
        expect(Buffer.byteLength(JSON.stringify(data))).toBeGreaterThan(1024 * 1024);
        const streamId = freshStreamId();
        await store.append(streamId, [newEvent('DossierSubmitted', data)], 'no_stream');
        const [stored] = await readStream(streamId);
        expect(Buffer.from(JSON.stringify(stored!.data)).equals(Buffer.from(JSON.stringify(data)))).toBe(true);
      });

      it('round-trips Vietnamese text with diacritics, precomposed and decomposed, byte for byte', async () => {
        const nfc = 'Nguyễn Thị Ánh Tuyết — Chiến sĩ thi đua cơ sở, Sở Giáo dục và Đào tạo';
        const nfd = nfc.normalize('NFD');
        expect(nfd).not.toBe(nfc);
        const data = { 'họ tên': nfc, decomposed: nfd, note: 'Bằng khen của Chủ tịch UBND tỉnh 🏅' };
        const streamId = `đề-nghị-${randomUUID()}`;
        const event = { ...newEvent('ĐềNghịKhenThưởng', data), metadata: testMetadata({ unitName: 'Ủy ban nhân dân xã Ý Yên' }) };
        await store.append(streamId, [event], 'no_stream');
        const [stored] = await readStream(streamId);
        expect(stored!.streamId).toBe(streamId);
        expect(stored!.type).toBe('ĐềNghịKhenThưởng');
        const back = stored!.data as Record<string, string>;
        expect(Buffer.from(back['họ tên']!).equals(Buffer.from(nfc))).toBe(true);
        expect(Buffer.from(back.decomposed!).equals(Buffer.from(nfd))).toBe(true);
        expect(JSON.stringify(stored!.data)).toBe(JSON.stringify(data));
        expect(JSON.stringify(stored!.metadata)).toBe(JSON.stringify(event.metadata));
        expect((await store.verifyChain({ from: base })).ok).toBe(true);
      });
    });

    describe('bad input', () => {
      const valid = () => newEvent();
      const cases: Array<[string, () => [string, unknown[], unknown], string]> = [
        ['an empty stream id', () => ['', [valid()], 'any'], 'streamId'],
        ['a function as data', () => [freshStreamId(), [{ ...valid(), data: () => 1 }], 'any'], 'events[0].data'],
        ['undefined as data', () => [freshStreamId(), [{ ...valid(), data: undefined }], 'any'], 'events[0].data'],
        ['NaN in data', () => [freshStreamId(), [{ ...valid(), data: { score: NaN } }], 'any'], 'events[0].data.score'],
        ['a BigInt in data', () => [freshStreamId(), [{ ...valid(), data: { n: BigInt(1) } }], 'any'], 'events[0].data.n'],
        ['undefined nested in data', () => [freshStreamId(), [{ ...valid(), data: { a: [undefined] } }], 'any'], 'events[0].data.a[0]'],
        ['a Date in data', () => [freshStreamId(), [{ ...valid(), data: { at: new Date(0) } }], 'any'], 'events[0].data.at'],
        ['a negative revision', () => [freshStreamId(), [valid()], -1], 'expectedRevision'],
        ['a fractional revision', () => [freshStreamId(), [valid()], 1.5], 'expectedRevision'],
        ['a missing eventId', () => [freshStreamId(), [{ ...valid(), eventId: undefined }], 'any'], 'events[0].eventId'],
        ['an eventId that is not a UUID', () => [freshStreamId(), [{ ...valid(), eventId: 'nomination-1' }], 'any'], 'events[0].eventId'],
        ['an empty type', () => [freshStreamId(), [{ ...valid(), type: '' }], 'any'], 'events[0].type'],
        ['no events', () => [freshStreamId(), [], 'any'], 'events'],
        ['the same eventId twice', () => {
          const e = valid();
          return [freshStreamId(), [e, { ...e }], 'any'];
        }, 'events[1].eventId'],
        ['a bad event after a good one', () => [freshStreamId(), [valid(), { ...valid(), data: { x: Infinity } }], 'any'], 'events[1].data.x'],
      ];

      it.each(cases)('refuses %s with InvalidEvent and writes nothing', async (_what, args, field) => {
        const [streamId, events, expected] = args();
        const attempt = store.append(streamId, events as NewEvent[], expected as ExpectedRevision);
        await expect(attempt).rejects.toBeInstanceOf(InvalidEvent);
        await expect(attempt).rejects.toMatchObject({ code: 'INVALID_EVENT', field });
        expect(await store.headPosition()).toBe(base - 1);
      });

      it('refuses a bad call without disturbing good calls made at the same time', async () => {
        const good = freshStreamId();
        const outcomes = await Promise.allSettled([
          store.append(good, newEvents(1), 'no_stream'),
          store.append(freshStreamId(), [{ ...newEvent(), data: (() => 1) as unknown as JsonValue }], 'no_stream'),
          store.append(good, newEvents(1), 0),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect((await readFromBase()).map((e) => e.position)).toEqual([base, base + 1]);
      });
    });

    describe('hash chain', () => {
      it('verifies an untouched log and reports its head hash', async () => {
        await store.append(freshStreamId(), newEvents(4), 'no_stream');
        await store.append(freshStreamId(), newEvents(3), 'no_stream');
        const log = await readFromBase();
        const whole = await store.verifyChain();
        expect(whole).toEqual({ ok: true, checked: base + 7, headHash: log[log.length - 1]!.hash });
        expect(await store.verifyChain({ from: base + 2, to: base + 4 })).toEqual({ ok: true, checked: 3, headHash: log[4]!.hash });
      });

      (options.tamper === false ? describe.skip : describe)('after someone edits storage directly', () => {
        let tamper: Tamper;
        let target: number;

        beforeEach(async () => {
          if (!fixture.tamper) {
            throw new Error(`${name}: the factory returned no tamper; pass { tamper: false } to skip these cases`);
          }
          tamper = fixture.tamper;
          for (let i = 0; i < 4; i++) await store.append(freshStreamId(), newEvents(2), 'no_stream');
          target = base + 3;
        });

        const expectBrokenAt = async (position: number) => {
          const result = await store.verifyChain({ from: base });
          expect(result).toMatchObject({ ok: false, brokenAt: position, checked: position - base });
          expect((await store.verifyChain()).ok).toBe(false);
        };

        it('names the row whose data was edited', async () => {
          await tamper.updateEvent(target, { data: { n: 99, note: 'sửa lén' } });
          await expectBrokenAt(target);
        });

        it('names the row whose type was edited', async () => {
          await tamper.updateEvent(target, { type: 'NominationApproved' });
          await expectBrokenAt(target);
        });

        it('names the row whose metadata was edited', async () => {
          await tamper.updateEvent(target, { metadata: { ...testMetadata(), actor: { id: 'chair', roles: ['approver'] } } });
          await expectBrokenAt(target);
        });

        it('names the position of a deleted row', async () => {
          await tamper.deleteEvent(target);
          await expectBrokenAt(target);
        });

        it('names the first of two swapped rows', async () => {
          await tamper.swapEvents(base + 6, target);
          await expectBrokenAt(target);
        });
      });
    });
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

function strip(e: StoredEvent): Omit<StoredEvent, 'hash'> {
  const { hash: _hash, ...rest } = e;
  return rest;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

async function expectWrongRevision(attempt: Promise<unknown>, streamId: string, actual: number): Promise<void> {
  await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevision);
  await expect(attempt).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION', streamId, actual });
}
