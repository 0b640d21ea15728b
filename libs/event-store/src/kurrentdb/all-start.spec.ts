import { START } from '@kurrent/kurrentdb-client';
import { allStartFor } from './all-start';
import type { LogEntry } from './record-codec';

// Appends of sizes 2, 3, 1: positions 0-1, 2-4, 5. Each entry sits at commit = 100 × append.
const batches = [[0, 1], [2, 3, 4], [5]];
const entries: LogEntry[] = batches.flatMap((positions, b) =>
  positions.map((position, i) => ({
    position,
    streamId: 's',
    revision: position,
    eventId: `e${position}`,
    hash: '00'.repeat(32),
    batchFirst: positions[0]!,
    allPosition: { commit: BigInt(100 * (b + 1)), prepare: BigInt(100 * (b + 1) + i) },
  })),
);
const lookups: number[] = [];
const entryAt = async (p: number) => {
  lookups.push(p);
  return entries[p];
};

describe('allStartFor', () => {
  beforeEach(() => (lookups.length = 0));

  it('starts at the beginning for position 0 and for anything in the first append', async () => {
    expect(await allStartFor(0, 5, entryAt)).toBe(START);
    expect(await allStartFor(1, 5, entryAt)).toBe(START);
    expect(await allStartFor(2, 5, entryAt)).toBe(START);
  });

  it('starts at the last entry of the append before the one holding position - 1', async () => {
    // position 3: position 2 is in the second append; the first append ends at entry 1.
    expect(await allStartFor(3, 5, entryAt)).toEqual({ commit: 100n, prepare: 101n });
    expect(await allStartFor(5, 5, entryAt)).toEqual({ commit: 100n, prepare: 101n });
    // position 6 (the next one to be written): position 5 is the third append; the second ends at 4.
    expect(await allStartFor(6, 5, entryAt)).toEqual({ commit: 200n, prepare: 202n });
  });

  it('treats a checkpoint beyond the head as the head + 1', async () => {
    expect(await allStartFor(60, 5, entryAt)).toEqual({ commit: 200n, prepare: 202n });
    expect(lookups).toEqual([5, 4]);
  });

  it('falls back to the beginning when the server did not report the entry position', async () => {
    const bare = async (p: number) => (entries[p] ? { ...entries[p]!, allPosition: undefined } : undefined);
    expect(await allStartFor(4, 5, bare)).toBe(START);
  });
});
