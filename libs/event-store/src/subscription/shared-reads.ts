import type { StoredEvent } from '../event';

export type FetchEvents = (fromPosition: number, limit: number) => Promise<StoredEvent[]>;

/**
 * Lets followers that ask for the same page in the same turn of the event loop share one read.
 * A worker follows the log once per read model, and one append wakes every follower at once,
 * each at the same checkpoint: six identical queries, six parses of the same rows. Here the
 * read is sent on the next turn (setImmediate), after every follower woken by the same signal
 * has asked, so it starts after each of them looked at the signal and sees everything any of
 * them was woken for. A follower that asks once the read is on its way starts a new one:
 * joining a read already sent could miss an append it was just woken for.
 *
 * Each caller gets its own array; the events in it are shared and, as everywhere, read-only.
 */
export function sharedReads(fetch: FetchEvents): FetchEvents {
  const pending = new Map<string, Promise<StoredEvent[]>>();
  return (fromPosition, limit) => {
    const key = `${fromPosition}:${limit}`;
    let read = pending.get(key);
    if (!read) {
      read = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        pending.delete(key);
        return fetch(fromPosition, limit);
      });
      pending.set(key, read);
    }
    return read.then((events) => events.slice());
  };
}
