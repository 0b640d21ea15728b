import { WrongExpectedRevision, type EventStore, type NewEvent } from '@vinhdanh/event-store';

/** Holds appends until `n` are waiting, then lets them through one after another. */
class Gate {
  private readonly waiting: { events: NewEvent[]; go: () => void }[] = [];
  private queue: (() => void)[] = [];

  constructor(
    private readonly n: number,
    private readonly first?: (events: NewEvent[]) => boolean,
    private readonly onFull?: () => void,
  ) {}

  enter(events: NewEvent[]): Promise<void> {
    return new Promise((go) => {
      this.waiting.push({ events, go });
      if (this.waiting.length < this.n) return;
      this.onFull?.();
      const chosen = this.first ? this.waiting.filter((w) => this.first!(w.events)) : [];
      const rest = this.waiting.filter((w) => !chosen.includes(w));
      this.queue = [...chosen, ...rest].map((w) => w.go);
      this.leave();
    });
  }

  /** The append let through last has finished: let the next one go. */
  leave(): void {
    this.queue.shift()?.();
  }
}

/**
 * Delegates to a real store, and can hold appends back until `n` of them are waiting, so that
 * concurrent commands are forced to decide on the same revision: a race that always happens,
 * instead of one that happens when the scheduler feels like it. The held appends then go one
 * at a time (optionally a chosen one first), so who wins is known. Counts lost races.
 */
export class GatedStore {
  lostRaces = 0;
  private gate: Gate | null = null;

  constructor(readonly inner: EventStore) {}

  /** The next `n` appends wait for each other; `first` picks the one that goes first. */
  holdNext(n: number, first?: (events: NewEvent[]) => boolean): void {
    this.gate = new Gate(n, first, () => (this.gate = null));
  }

  get store(): EventStore {
    const inner = this.inner;
    return {
      backend: inner.backend,
      append: async (streamId, events, expected) => {
        const gate = this.gate;
        if (gate) await gate.enter(events);
        try {
          return await inner.append(streamId, events, expected);
        } catch (error) {
          if (error instanceof WrongExpectedRevision) this.lostRaces += 1;
          throw error;
        } finally {
          gate?.leave();
        }
      },
      readStream: (...args) => inner.readStream(...args),
      readAll: (...args) => inner.readAll(...args),
      subscribe: (...args) => inner.subscribe(...args),
      headPosition: () => inner.headPosition(),
      verifyChain: (...args) => inner.verifyChain(...args),
      close: () => inner.close(),
    };
  }
}
