import fc from 'fast-check';
import type { StoredEvent } from '../event';
import { followLog } from './follow-log';
import { sharedReads } from './shared-reads';
import { WakeSignal } from './wake-signal';

const HOUR = 3_600_000;

/** The next turn of the event loop, when a shared read is sent. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const event = (position: number): StoredEvent =>
  ({ position, streamId: 's', revision: position, eventId: `e-${position}`, type: 'T', data: {}, metadata: {}, hash: 'h' }) as unknown as StoredEvent;

/** A log in memory whose reads are counted. */
function countedLog() {
  const log: StoredEvent[] = [];
  const reads: string[] = [];
  const fetch = async (from: number, limit: number) => {
    reads.push(`${from}:${limit}`);
    return log.filter((e) => e.position >= from).slice(0, limit);
  };
  return { log, reads, fetch };
}

describe('sharedReads', () => {
  it('gives callers that ask for the same page in one turn one read, each its own array', async () => {
    const { log, reads, fetch } = countedLog();
    log.push(event(0), event(1));
    const read = sharedReads(fetch);

    const [a, b] = await Promise.all([read(0, 10), read(0, 10)]);

    expect(reads).toEqual(['0:10']);
    expect(a.map((e) => e.position)).toEqual([0, 1]);
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
  });

  it('reads separately for another page, and again once a read has been sent', async () => {
    const { reads, fetch } = countedLog();
    const read = sharedReads(fetch);

    await Promise.all([read(0, 10), read(5, 10), read(0, 3)]);
    await read(0, 10);

    expect(reads.sort()).toEqual(['0:10', '0:10', '0:3', '5:10']);
  });

  it('does not let a late caller join a read already sent, which could miss what woke it', async () => {
    const { log, reads, fetch } = countedLog();
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = async (from: number, limit: number) => {
      const page = await fetch(from, limit);
      await gate;
      return page;
    };
    const read = sharedReads(slow);

    const early = read(0, 10);
    await nextTurn(); // the early read is on its way
    log.push(event(0));
    const late = read(0, 10);
    release();

    expect((await early).length).toBe(0);
    expect((await late).map((e) => e.position)).toEqual([0]);
    expect(reads).toEqual(['0:10', '0:10']);
  });

  it('passes a failure to every caller of the read, and the next call reads again', async () => {
    let calls = 0;
    const read = sharedReads(async () => {
      calls += 1;
      if (calls === 1) throw new Error('store unavailable');
      return [event(0)];
    });

    const results = await Promise.allSettled([read(0, 10), read(0, 10)]);

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((await read(0, 10)).length).toBe(1);
    expect(calls).toBe(2);
  });

  it('serves followers woken by one append with one read, and each still sees every event once', async () => {
    const { log, reads, fetch } = countedLog();
    const signal = new WakeSignal();
    const read = sharedReads(fetch);
    const seen: number[][] = [[], [], []];
    const followers = seen.map((into) =>
      followLog({ fromPosition: 0, batchSize: 100, pollIntervalMs: HOUR, signal, fetch: read }, (events) => {
        into.push(...events.map((e) => e.position));
      }),
    );
    // Let them catch up on the empty log and fall asleep.
    while (reads.length < 1) await nextTurn();
    await nextTurn();
    const before = reads.length;

    log.push(event(0), event(1));
    signal.notify();
    while (seen.some((s) => s.length < 2)) await nextTurn();
    for (const f of followers) await f.stop();

    expect(seen).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    // One read for the wake-up (then each follower's next, empty read, shared too).
    expect(reads.slice(before).filter((r) => r === '0:100')).toHaveLength(1);
  });

  describe('the window of recent events', () => {
    it('serves a follower behind the leader from memory, and reads when it asks past the end', async () => {
      const { log, reads, fetch } = countedLog();
      for (let p = 0; p < 10; p++) log.push(event(p));
      const read = sharedReads(fetch);

      const leader = await read(0, 8);
      const behind = await read(3, 100);
      const pastEnd = await read(8, 100);
      const again = await read(9, 1);

      expect(leader.map((e) => e.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(behind.map((e) => e.position)).toEqual([3, 4, 5, 6, 7]);
      expect(pastEnd.map((e) => e.position)).toEqual([8, 9]);
      expect(again.map((e) => e.position)).toEqual([9]);
      expect(reads).toEqual(['0:8', '8:100']);
    });

    it('keeps only the most recent events, and is not displaced by a follower far behind', async () => {
      const { log, reads, fetch } = countedLog();
      for (let p = 0; p < 20; p++) log.push(event(p));
      const read = sharedReads(fetch, 5);

      await read(10, 10); // window: 15..19
      await read(12, 2); // fell out: read again
      await read(0, 3); // far behind: read, window unchanged
      await read(16, 10);

      expect(reads).toEqual(['10:10', '12:2', '0:3']);
    });

    it('gives every caller a complete run of the log from where it asked, however reads and appends interleave', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(fc.record({ append: fc.integer({ min: 1, max: 5 }) }), fc.record({ from: fc.nat(40), limit: fc.integer({ min: 1, max: 12 }), wait: fc.boolean() })), {
            maxLength: 60,
          }),
          fc.integer({ min: 1, max: 16 }),
          async (steps, keep) => {
            const { log, fetch } = countedLog();
            const read = sharedReads(fetch, keep);
            const checks: Promise<void>[] = [];
            for (const step of steps) {
              if ('append' in step) {
                for (let i = 0; i < step.append; i++) log.push(event(log.length));
                continue;
              }
              const available = log.length - step.from;
              const check = read(step.from, step.limit).then((got) => {
                const positions = got.map((e) => e.position);
                const expected = log.filter((e) => e.position >= step.from).slice(0, positions.length).map((e) => e.position);
                expect(positions).toEqual(expected);
                expect(positions.length).toBeLessThanOrEqual(step.limit);
                // What was there when it asked is never hidden from it.
                if (available > 0) expect(positions.length).toBeGreaterThan(0);
              });
              checks.push(check);
              if (step.wait) await check;
            }
            await Promise.all(checks);
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
