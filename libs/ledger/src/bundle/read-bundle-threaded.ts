import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { type BundleLine, EVENT_LINE_INFIX, EVENT_LINE_PREFIX } from './bundle-format';
import { LINE_HASHER_SOURCE } from './line-hasher-worker';
import { CANONICAL_AT, HEAD_KEYS, HEAD_TAIL, LazyEventLine, type MalformedLine, NEWLINE, parse, PREFIX } from './read-bundle';

/** About five hundred bench events: big enough that a message's cost is spread thin, small enough to keep memory flat. */
const BATCH_BYTES = 1 << 19;
const EMPTY = Buffer.alloc(0);

interface HashedBatch {
  id: number;
  /** The batch itself (this thread's bytes; the worker had a copy). */
  buf: Uint8Array;
  newlines: number;
  starts: Int32Array;
  ends: Int32Array;
  lineNos: Int32Array;
  flags: Uint8Array;
  positions: Float64Array;
  revisions: Float64Array;
  streams: string[];
  types: string[];
  digests: Uint8Array;
}

const EVENT = 1;
const HEAD = 2;
const CHAIN = 4;
const STORED = 8;

/** A worker and the batches it owes, answered in the order they were sent. */
class LineHasher {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (b: HashedBatch) => void; reject: (e: Error) => void }>();
  private failure: Error | undefined;

  constructor() {
    this.worker = new Worker(LINE_HASHER_SOURCE, {
      eval: true,
      workerData: { prefix: EVENT_LINE_PREFIX, infix: EVENT_LINE_INFIX, tail: HEAD_TAIL, headKeys: HEAD_KEYS },
    });
    this.worker.on('message', (b: HashedBatch) => {
      const w = this.waiting.get(b.id);
      this.waiting.delete(b.id);
      w?.resolve(b);
    });
    const fail = (e: Error): void => {
      this.failure ??= e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`a verifier thread stopped (exit code ${code})`)));
  }

  /**
   * Sends the worker a copy of the batch, transferred: handing the batch itself over and back
   * cost more in postMessage (18% of this thread against 4%) than the copy does.
   */
  hash(id: number, batch: Buffer): Promise<HashedBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const copy = new Uint8Array(batch.length);
    copy.set(batch);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: (h) => resolve({ ...h, buf: batch }), reject });
      this.worker.postMessage({ id, buf: copy }, [copy.buffer]);
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/** The lines of one hashed batch, as readBundle's single-threaded path would yield them. */
function linesOf(h: HashedBatch, firstLine: number): Array<BundleLine | MalformedLine> {
  const lines: Array<BundleLine | MalformedLine> = [];
  const batch = Buffer.from(h.buf.buffer, h.buf.byteOffset, h.buf.byteLength);
  const digests = Buffer.from(h.digests.buffer, h.digests.byteOffset, h.digests.byteLength);
  for (let i = 0; i < h.starts.length; i++) {
    const start = h.starts[i];
    const end = h.ends[i];
    const f = h.flags[i];
    if (!(f & EVENT)) {
      lines.push(parse(batch.toString('utf8', start, end), firstLine + h.lineNos[i]));
      continue;
    }
    const at = 96 * i;
    const head = f & HEAD ? { position: h.positions[i], revision: h.revisions[i], stream: h.streams[i], type: h.types[i] } : null;
    const leaf = digests.subarray(at + 64, at + 96);
    const pre =
      f & CHAIN
        ? { prev: digests.subarray(at, at + 32), chain: digests.subarray(at + 32, at + 64), leaf, matchesStored: (f & STORED) !== 0 }
        : { prev: EMPTY, chain: EMPTY, leaf, matchesStored: false };
    lines.push(new LazyEventLine(batch.toString('latin1', start + PREFIX.length, start + PREFIX.length + 64), batch.subarray(start + CANONICAL_AT, end - 1), head, pre));
  }
  return lines;
}

/**
 * readBundle's lines, a batch at a time, with `workers` threads doing the per-line work. Batches of whole lines go out
 * round robin, at most two per worker in flight, each copied for its worker, and come back
 * in the order they went; a last line without a newline is parsed here, as readBundle does.
 */
export async function* readBundleThreaded(
  source: string | Readable,
  workers: number,
  batchBytes = BATCH_BYTES,
): AsyncIterable<ReadonlyArray<BundleLine | MalformedLine>> {
  const input = typeof source === 'string' ? createReadStream(source, { highWaterMark: batchBytes }) : source;
  const pool = Array.from({ length: workers }, () => new LineHasher());
  const inFlight: Array<Promise<HashedBatch>> = [];
  let sent = 0;
  let lineNo = 0;
  let parts: Buffer[] = [];
  let size = 0;
  /** The whole lines of `parts` go out as one batch; the rest stays. */
  const send = (): void => {
    let k = parts.length - 1;
    while (k >= 0 && !parts[k].includes(NEWLINE)) k -= 1;
    if (k < 0) return; // no whole line yet
    const cut = parts[k].lastIndexOf(NEWLINE) + 1;
    const whole = [...parts.slice(0, k), parts[k].subarray(0, cut)];
    const batch = whole.length === 1 ? whole[0] : Buffer.concat(whole);
    parts = cut < parts[k].length ? [parts[k].subarray(cut), ...parts.slice(k + 1)] : parts.slice(k + 1);
    size -= batch.length;
    const answer = pool[sent % pool.length].hash(sent, batch);
    answer.catch(() => undefined); // awaited in order below; this only keeps a later one's failure from going unhandled
    inFlight.push(answer);
    sent += 1;
  };
  const take = async (): Promise<Array<BundleLine | MalformedLine>> => {
    const h = await inFlight.shift()!;
    const lines = linesOf(h, lineNo);
    lineNo += h.newlines;
    return lines;
  };
  try {
    for await (const raw of input) {
      const chunk: Buffer = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : (raw as Buffer);
      parts.push(chunk);
      size += chunk.length;
      if (size < batchBytes) continue;
      send();
      while (inFlight.length >= 2 * pool.length) yield await take();
    }
    send();
    while (inFlight.length) yield await take();
    if (size > 0) yield [parse(Buffer.concat(parts, size).toString('utf8'), lineNo + 1)];
  } finally {
    await Promise.all(pool.map((w) => w.close()));
  }
}
