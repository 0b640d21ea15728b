import type { StoredEvent } from '../event';
import type { Subscription, SubscriptionHandler } from '../event-store.port';
import type { WakeSignal } from './wake-signal';

export interface FollowLogOptions {
  fromPosition: number;
  batchSize: number;
  pollIntervalMs: number;
  /** Events from `fromPosition` (inclusive), in position order, at most `limit`. */
  fetch(fromPosition: number, limit: number): Promise<StoredEvent[]>;
  signal: WakeSignal;
}

/**
 * Catch-up then follow, as one loop: read a batch from the checkpoint, hand it over, move the
 * checkpoint past it; when a read comes back empty, sleep until woken or until the poll
 * interval passes. Because the next read always starts right after the last delivered
 * position, each event is delivered once and in order, however appends and wake-ups interleave.
 */
export function followLog(options: FollowLogOptions, handler: SubscriptionHandler): Subscription {
  let stopped = false;
  const stopSignal = { wake: () => {} };
  const stopWaiting = new Promise<void>((resolve) => (stopSignal.wake = resolve));

  const run = async () => {
    let next = options.fromPosition;
    while (!stopped) {
      const seen = options.signal.generation;
      const events = await options.fetch(next, options.batchSize);
      if (stopped) return;
      if (events.length > 0) {
        await handler(events);
        next = events[events.length - 1]!.position + 1;
        // Let timers and I/O run between batches: a synchronous store and handler would
        // otherwise keep a long catch-up on the microtask queue and starve everything else.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      await Promise.race([options.signal.wait(seen, options.pollIntervalMs), stopWaiting]);
    }
  };

  const done = Promise.resolve().then(run);
  // The caller may never look at `done`; a handler failure must not crash the process for it.
  done.catch(() => undefined);
  return {
    done,
    async stop() {
      stopped = true;
      stopSignal.wake();
      await done.catch(() => undefined);
    },
  };
}
