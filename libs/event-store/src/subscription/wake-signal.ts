/**
 * Wakes followers when the log may have grown. A follower notes the generation before it
 * reads; if an append lands between its read and its wait, the generation has moved and the
 * wait returns at once, so no wake-up is lost. The timeout is the polling fallback for appends
 * this process cannot hear about.
 */
export class WakeSignal {
  private generationValue = 0;
  private waiters = new Set<() => void>();

  get generation(): number {
    return this.generationValue;
  }

  notify(): void {
    this.generationValue += 1;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  wait(seenGeneration: number, timeoutMs: number): Promise<void> {
    if (seenGeneration !== this.generationValue) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
  }
}
