import { WakeSignal } from './wake-signal';

// Timeouts here are an hour: if a wake-up were lost, the test would hang and fail on jest's
// timeout rather than pass by polling.
const HOUR = 3_600_000;

describe('WakeSignal', () => {
  it('returns at once when an append landed between the read and the wait', async () => {
    const signal = new WakeSignal();
    const seen = signal.generation;
    signal.notify();
    await signal.wait(seen, HOUR);
  });

  it('wakes every follower that is waiting', async () => {
    const signal = new WakeSignal();
    const waits = [signal.wait(signal.generation, HOUR), signal.wait(signal.generation, HOUR)];
    signal.notify();
    await Promise.all(waits);
    expect(signal.generation).toBe(1);
  });

  it('falls back to the timeout when nobody notifies (the polling path)', async () => {
    jest.useFakeTimers();
    try {
      const signal = new WakeSignal();
      let woke = false;
      const waiting = signal.wait(signal.generation, 250).then(() => (woke = true));
      await Promise.resolve();
      expect(woke).toBe(false);
      jest.advanceTimersByTime(250);
      await waiting;
      expect(woke).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
