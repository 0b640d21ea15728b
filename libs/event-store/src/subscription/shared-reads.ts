import type { StoredEvent } from '../event';

export type FetchEvents = (fromPosition: number, limit: number) => Promise<StoredEvent[]>;

/** Recent events kept for followers that come after the first (one batch of each runner, twice). */
const SHARED_READ_WINDOW = 4096;

/**
 * Lets the followers of one store share their reads of the log. A worker follows the log once
 * per read model: six followers reading, and parsing, the same rows.
 *
 * - Followers woken by the same append ask in the same turn of the event loop, at the same
 *   checkpoint: the read is sent on the next turn (setImmediate), after all of them have asked,
 *   and they share it. It starts after each of them looked at the wake signal, so it sees what
 *   any of them was woken for; a follower that asks once it is on its way starts another.
 * - Under load the followers drift apart, each a few batches behind the fastest. The last
 *   `keep` events read stay in a window, and a follower whose checkpoint falls inside it gets
 *   the events from there: only the leader goes to the database. The window holds only what a
 *   complete read returned (every event from a position on, in order), so a slice of it is
 *   what the database would have said; a follower asking past its end reads, and extends it.
 *
 * Each caller gets its own array; the events in it are shared and, as everywhere, read-only.
 */
export function sharedReads(fetch: FetchEvents, keep = SHARED_READ_WINDOW): FetchEvents {
  const pending = new Map<string, Promise<StoredEvent[]>>();
  let window: StoredEvent[] = [];

  /** Index of the first event in the window at or after `from`. */
  const indexOf = (from: number): number => {
    let lo = 0;
    let hi = window.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (window[mid].position < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const remember = (from: number, events: StoredEvent[]) => {
    if (events.length === 0) return;
    const first = window[0];
    const last = window[window.length - 1];
    if (!last || from > last.position + 1) window = events.slice();
    else if (from >= first.position && events[events.length - 1].position > last.position) window = window.slice(0, indexOf(from)).concat(events);
    // Older than the window, or nothing new: the followers near the head gain nothing from it.
    else return;
    if (window.length > keep) window = window.slice(window.length - keep);
  };

  const fromWindow = (from: number, limit: number): StoredEvent[] | null => {
    if (window.length === 0 || from < window[0].position || from > window[window.length - 1].position) return null;
    const start = indexOf(from);
    return window.slice(start, start + limit);
  };

  return (fromPosition, limit) => {
    const known = fromWindow(fromPosition, limit);
    if (known) return Promise.resolve(known);
    const key = `${fromPosition}:${limit}`;
    let read = pending.get(key);
    if (!read) {
      read = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        pending.delete(key);
        const events = await fetch(fromPosition, limit);
        remember(fromPosition, events);
        return events;
      });
      pending.set(key, read);
    }
    return read.then((events) => events.slice());
  };
}
