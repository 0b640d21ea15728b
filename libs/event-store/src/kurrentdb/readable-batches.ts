/**
 * The part of an object-mode Readable this helper uses. Structural, because the client's
 * subscription type re-declares Readable's listener overloads in a way TypeScript will not
 * accept as Readable.
 */
export interface ObjectStream {
  read(): unknown;
  readonly readableEnded: boolean;
  readonly destroyed: boolean;
  readonly errored: Error | null;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * Groups what an object-mode stream has buffered into batches of at most `maxBatch`, without
 * waiting to fill a batch: a live subscription hands over whatever has arrived. Ends when the
 * stream ends or `signal` aborts; throws the stream's error.
 *
 * Errors are caught both ways a stream reports them: `destroy(error)` (sets `errored`) and a bare
 * `emit('error', …)`, which is what the KurrentDB client's subscription does when its gRPC call
 * fails — without noticing that, a dropped connection would leave the reader waiting forever.
 */
export async function* readableBatches<T>(readable: ObjectStream, maxBatch: number, signal?: AbortSignal): AsyncGenerator<T[]> {
  let emitted: unknown;
  let failed = false;
  const onError = (error: unknown) => {
    failed = true;
    emitted = error;
  };
  readable.on('error', onError);
  try {
    for (;;) {
      if (signal?.aborted) return;
      if (readable.errored) throw readable.errored;
      if (failed) throw emitted;
      const batch: T[] = [];
      while (batch.length < maxBatch) {
        const item = readable.read() as T | null;
        if (item === null) break;
        batch.push(item);
      }
      if (batch.length > 0) {
        yield batch;
        continue;
      }
      if (readable.readableEnded || readable.destroyed) {
        if (readable.errored) throw readable.errored;
        if (failed) throw emitted;
        return;
      }
      await nextChange(readable, signal);
    }
  } finally {
    readable.off('error', onError);
  }
}

const EVENTS = ['readable', 'end', 'close', 'error'];

function nextChange(readable: ObjectStream, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const name of EVENTS) readable.off(name, done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    for (const name of EVENTS) readable.on(name, done);
    signal?.addEventListener('abort', done);
  });
}
