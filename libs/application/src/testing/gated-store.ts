import { WrongExpectedRevision, type EventStore } from '@vinhdanh/event-store';

/**
 * Delegates to a real store, and can hold appends back until `n` of them are waiting, so that
 * concurrent commands are forced to decide on the same revision: a race that always happens,
 * instead of one that happens when the scheduler feels like it. Counts lost races.
 */
export class GatedStore {
  lostRaces = 0;
  private gate: { n: number; waiting: (() => void)[] } | null = null;

  constructor(readonly inner: EventStore) {}

  /** The next `n` appends wait for each other, then go through in arrival order. */
  holdNext(n: number): void {
    this.gate = { n, waiting: [] };
  }

  get store(): EventStore {
    const inner = this.inner;
    return {
      backend: inner.backend,
      append: async (...args) => {
        const gate = this.gate;
        if (gate) {
          await new Promise<void>((release) => {
            gate.waiting.push(release);
            if (gate.waiting.length === gate.n) {
              this.gate = null;
              gate.waiting.forEach((r) => r());
            }
          });
        }
        try {
          return await inner.append(...args);
        } catch (error) {
          if (error instanceof WrongExpectedRevision) this.lostRaces += 1;
          throw error;
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
