import type { AllStreamResolvedEvent, Position, ReadableSubscription, ReadPosition, RecordedEvent } from '@kurrent/kurrentdb-client';
import type { StoredEvent } from '../event';
import type { Subscription, SubscriptionHandler } from '../event-store.port';
import { toStoreError } from './error-translation';
import { BrokenLog, PositionSequencer } from './position-sequencer';
import { UnreadableRecord } from './record-codec';
import { readableBatches } from './readable-batches';

/** What the subscription needs from KurrentDB; the adapter wires it to the client. */
export interface CatchUpSource {
  /** `$all` position from which nothing at or after `position` is missed (see allStartFor). */
  startFor(position: number): Promise<ReadPosition>;
  /** A catch-up subscription to `$all`, filtered to the domain streams, from `from`. */
  open(from: ReadPosition): ReadableSubscription<AllStreamResolvedEvent>;
  decode(recorded: RecordedEvent): StoredEvent;
}

export interface CatchUpOptions {
  fromPosition: number;
  batchSize: number;
  /** Connection failures in a row, without an event delivered in between, before giving up. */
  maxReconnects?: number;
  reconnectDelayMs?: (attempt: number) => number;
}

class HandlerFailed {
  constructor(readonly error: unknown) {}
}

/**
 * A KurrentDB catch-up subscription to `$all` with our port's contract. It reads history and
 * then follows live appends in one server stream; batches are whatever has arrived, up to
 * `batchSize`. Its own checkpoint is KurrentDB's: the commit/prepare position of the last event
 * it delivered, from which it resubscribes after a dropped connection. The caller's checkpoint is
 * ours (the next position), and the PositionSequencer keeps the two in step: duplicates after a
 * resubscription are skipped, a gap stops the subscription.
 */
export function catchUpSubscription(source: CatchUpSource, options: CatchUpOptions, handler: SubscriptionHandler): Subscription {
  const stopping = new AbortController();
  const maxReconnects = options.maxReconnects ?? 5;
  const delay = options.reconnectDelayMs ?? ((attempt: number) => Math.min(5000, 100 * 2 ** attempt));
  const sequencer = new PositionSequencer(options.fromPosition);
  let resumeFrom: Position | undefined;

  const run = async (): Promise<void> => {
    let failures = 0;
    while (!stopping.signal.aborted) {
      let subscription: ReturnType<CatchUpSource['open']> | undefined;
      const stop = () => void subscription?.unsubscribe().catch(() => undefined);
      stopping.signal.addEventListener('abort', stop);
      try {
        // Finding the start reads the log stream: a server that is down fails here, and that is
        // a connection failure like any other.
        const from = resumeFrom ?? (await source.startFor(sequencer.next));
        if (stopping.signal.aborted) return;
        subscription = source.open(from);
        sequencer.restart();
        // readableBatches listens for errors while it runs; this one covers the moments between.
        subscription.on('error', () => undefined);
        for await (const batch of readableBatches<AllStreamResolvedEvent>(subscription, options.batchSize, stopping.signal)) {
          const events: StoredEvent[] = [];
          let last: Position | undefined;
          // What was read before a gap or an unreadable record is still delivered; then we stop.
          let broken: unknown;
          for (const resolved of batch) {
            if (!resolved.event) continue;
            try {
              const event = source.decode(resolved.event);
              if (!sequencer.accept(event)) continue;
              events.push(event);
              last = resolved.event.position;
            } catch (error) {
              broken = error;
              break;
            }
          }
          if (events.length > 0) {
            try {
              await handler(events);
            } catch (error) {
              throw new HandlerFailed(error);
            }
            resumeFrom = last ?? resumeFrom;
            failures = 0;
          }
          if (broken !== undefined) throw broken;
          if (stopping.signal.aborted) return;
        }
        // The server ended the stream without being asked: subscribe again from where we are.
      } catch (error) {
        if (error instanceof HandlerFailed) throw error.error;
        if (stopping.signal.aborted) return;
        const translated = toStoreError(error);
        // A gap or an unreadable record will not heal by reconnecting.
        if (isPermanent(error) || failures >= maxReconnects) throw translated;
        failures += 1;
        await sleep(delay(failures), stopping.signal);
      } finally {
        stopping.signal.removeEventListener('abort', stop);
        await subscription?.unsubscribe().catch(() => undefined);
      }
    }
  };

  const done = run();
  // The caller may never look at `done`; a handler failure must not crash the process for it.
  done.catch(() => undefined);
  return {
    done,
    async stop() {
      stopping.abort();
      await done.catch(() => undefined);
    },
  };
}

function isPermanent(error: unknown): boolean {
  return error instanceof BrokenLog || error instanceof UnreadableRecord;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
