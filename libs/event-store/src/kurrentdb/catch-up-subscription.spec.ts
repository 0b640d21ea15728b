import { PassThrough } from 'node:stream';
import { START, UnavailableError, type AllStreamResolvedEvent, type Position, type ReadPosition, type RecordedEvent } from '@kurrent/kurrentdb-client';
import { StoreUnavailable } from '../errors';
import type { StoredEvent } from '../event';
import { catchUpSubscription, type CatchUpSource } from './catch-up-subscription';

/** A record whose revision field carries our position, so decode can be trivial. */
function resolved(position: number): AllStreamResolvedEvent {
  const event = {
    streamId: 'vd:s',
    id: `id-${position}`,
    revision: BigInt(position),
    type: 'T',
    isJson: true,
    data: {},
    metadata: undefined,
    created: new Date(0),
    position: { commit: BigInt(1000 + position), prepare: BigInt(1000 + position) },
  } as RecordedEvent as AllStreamResolvedEvent['event'];
  return { event };
}

class FakeSource implements CatchUpSource {
  readonly opened: ReadPosition[] = [];
  readonly streams: PassThrough[] = [];

  async startFor(): Promise<ReadPosition> {
    return START;
  }

  open(from: ReadPosition) {
    this.opened.push(from);
    const stream = Object.assign(new PassThrough({ objectMode: true }), {
      async unsubscribe() {
        stream.end();
      },
    });
    this.streams.push(stream);
    return stream;
  }

  decode(recorded: RecordedEvent): StoredEvent {
    return { position: Number(recorded.revision), eventId: recorded.id } as StoredEvent;
  }

  get live(): PassThrough {
    return this.streams[this.streams.length - 1]!;
  }

  /** Resolves once a stream has been opened (the subscription starts asynchronously). */
  async ready(count = 1): Promise<void> {
    while (this.streams.length < count) await new Promise((resolve) => setImmediate(resolve));
  }
}

function deliveredUntil(count: number) {
  const delivered: StoredEvent[][] = [];
  let reached!: () => void;
  const all = new Promise<void>((resolve) => (reached = resolve));
  const handler = (batch: StoredEvent[]) => {
    delivered.push(batch);
    if (delivered.flat().length >= count) reached();
  };
  return { delivered, all, handler, positions: () => delivered.flat().map((e) => e.position) };
}

describe('catchUpSubscription', () => {
  it('delivers from the checkpoint in order, in batches of at most batchSize, then follows live writes', async () => {
    const source = new FakeSource();
    const sink = deliveredUntil(7);
    const sub = catchUpSubscription(source, { fromPosition: 2, batchSize: 2 }, sink.handler);
    await source.ready();
    for (const p of [0, 1, 2, 3, 4, 5]) source.live.write(resolved(p));
    await new Promise((resolve) => setImmediate(resolve));
    source.live.write(resolved(6));
    source.live.write(resolved(7));
    source.live.write(resolved(8));
    await sink.all;
    await sub.stop();
    await expect(sub.done).resolves.toBeUndefined();
    expect(sink.positions()).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(sink.delivered.every((b) => b.length <= 2)).toBe(true);
  });

  it('rejects `done` with the handler error and calls the handler no more', async () => {
    const source = new FakeSource();
    let calls = 0;
    const sub = catchUpSubscription(source, { fromPosition: 0, batchSize: 1 }, () => {
      calls += 1;
      throw new Error('projection failed');
    });
    await source.ready();
    for (const p of [0, 1, 2]) source.live.write(resolved(p));
    await expect(sub.done).rejects.toThrow('projection failed');
    expect(calls).toBe(1);
  });

  it('after a dropped connection resubscribes from the commit/prepare of the last delivered event, skipping repeats', async () => {
    const source = new FakeSource();
    const sink = deliveredUntil(4);
    const sub = catchUpSubscription(source, { fromPosition: 0, batchSize: 10, reconnectDelayMs: () => 0 }, sink.handler);
    await source.ready();
    source.live.write(resolved(0));
    source.live.write(resolved(1));
    while (sink.positions().length < 2) await new Promise((resolve) => setImmediate(resolve));
    source.live.destroy(new Error('connection reset'));
    await source.ready(2);
    expect(source.opened[1]).toEqual<Position>({ commit: 1001n, prepare: 1001n });
    for (const p of [1, 2, 3]) source.live.write(resolved(p));
    await sink.all;
    await sub.stop();
    expect(sink.positions()).toEqual([0, 1, 2, 3]);
  });

  it('stops with StoreUnavailable at a gap instead of delivering past it, without reconnecting', async () => {
    const source = new FakeSource();
    const sink = deliveredUntil(99);
    const sub = catchUpSubscription(source, { fromPosition: 0, batchSize: 10, reconnectDelayMs: () => 0 }, sink.handler);
    await source.ready();
    source.live.write(resolved(0));
    source.live.write(resolved(2));
    await expect(sub.done).rejects.toBeInstanceOf(StoreUnavailable);
    expect(sink.positions()).toEqual([0]);
    expect(source.opened).toHaveLength(1);
  });

  it('treats a server that is down when the start is looked up as a connection failure, and retries', async () => {
    const source = new FakeSource();
    let lookups = 0;
    source.startFor = async () => {
      lookups += 1;
      if (lookups <= 2) throw new UnavailableError();
      return START;
    };
    const sink = deliveredUntil(1);
    const sub = catchUpSubscription(source, { fromPosition: 0, batchSize: 10, reconnectDelayMs: () => 0 }, sink.handler);
    await source.ready();
    source.live.write(resolved(0));
    await sink.all;
    await sub.stop();
    expect(lookups).toBe(3);

    const down = new FakeSource();
    down.startFor = async () => {
      throw new UnavailableError();
    };
    const failing = catchUpSubscription(down, { fromPosition: 0, batchSize: 10, maxReconnects: 1, reconnectDelayMs: () => 0 }, () => undefined);
    await expect(failing.done).rejects.toBeInstanceOf(StoreUnavailable);
  });

  it('gives up with StoreUnavailable after too many failed connections in a row', async () => {
    const source = new FakeSource();
    const sub = catchUpSubscription(source, { fromPosition: 0, batchSize: 10, maxReconnects: 2, reconnectDelayMs: () => 0 }, () => undefined);
    for (let i = 1; i <= 3; i++) {
      await source.ready(i);
      source.live.destroy(new Error('refused'));
    }
    await expect(sub.done).rejects.toBeInstanceOf(StoreUnavailable);
    expect(source.opened).toHaveLength(3);
  });
});
