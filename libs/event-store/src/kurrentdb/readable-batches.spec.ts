import { PassThrough, Readable } from 'node:stream';
import { readableBatches } from './readable-batches';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('readableBatches', () => {
  it('splits what is buffered into batches of at most the given size, in order', async () => {
    const batches = await collect(readableBatches<number>(Readable.from([1, 2, 3, 4, 5, 6, 7]), 3));
    expect(batches.flat()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(batches.every((b) => b.length >= 1 && b.length <= 3)).toBe(true);
  });

  it('hands over what has arrived without waiting to fill a batch, then waits for more', async () => {
    const live = new PassThrough({ objectMode: true });
    const it = readableBatches<string>(live, 100);
    live.write('a');
    live.write('b');
    expect((await it.next()).value).toEqual(['a', 'b']);
    const pending = it.next();
    live.write('c');
    expect((await pending).value).toEqual(['c']);
    live.end();
    expect((await it.next()).done).toBe(true);
  });

  it('ends when the signal aborts, even though the stream stays open', async () => {
    const live = new PassThrough({ objectMode: true });
    const controller = new AbortController();
    const it = readableBatches<string>(live, 10, controller.signal);
    const pending = it.next();
    controller.abort();
    expect((await pending).done).toBe(true);
  });

  it('throws an error that was only emitted, not destroyed with (as the KurrentDB client does)', async () => {
    const live = new PassThrough({ objectMode: true });
    const it = readableBatches<string>(live, 10);
    const waiting = it.next();
    live.emit('error', new Error('14 UNAVAILABLE: Connection dropped'));
    await expect(waiting).rejects.toThrow('Connection dropped');

    const busy = new PassThrough({ objectMode: true });
    busy.write('x');
    const it2 = readableBatches<string>(busy, 10);
    expect((await it2.next()).value).toEqual(['x']);
    busy.emit('error', new Error('server went away'));
    await expect(it2.next()).rejects.toThrow('server went away');
  });

  it("throws the stream's error, whether it came while waiting or while the consumer was busy", async () => {
    const waiting = new PassThrough({ objectMode: true });
    waiting.on('error', () => undefined);
    const first = readableBatches<string>(waiting, 10).next();
    waiting.destroy(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');

    const busy = new PassThrough({ objectMode: true });
    busy.on('error', () => undefined);
    busy.write('x');
    const it = readableBatches<string>(busy, 10);
    expect((await it.next()).value).toEqual(['x']);
    busy.destroy(new Error('server went away'));
    await expect(it.next()).rejects.toThrow('server went away');
  });
});
