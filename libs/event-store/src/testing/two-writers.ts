import { WrongExpectedRevision } from '../errors';
import type { AppendResult } from '../event';
import type { EventStore } from '../event-store.port';
import { freshStreamId, newEvents } from './event-fixtures';

/**
 * Two store instances over the same storage, as two processes would have: contended appends
 * must still give exactly one winner per round, and the loser learns the winner's revision.
 * The caller then checks the log is gapless and the chain intact.
 */
export async function contendFromTwoInstances(a: EventStore, b: EventStore, rounds = 20): Promise<void> {
  const streamId = freshStreamId();
  await a.append(streamId, newEvents(1), 'no_stream');
  let expected = 0;
  for (let round = 0; round < rounds; round++) {
    const outcomes = await Promise.allSettled(
      [a, b, a, b].map((store) => store.append(streamId, newEvents(2), expected)),
    );
    const winners = outcomes.filter((o): o is PromiseFulfilledResult<AppendResult> => o.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    for (const o of outcomes) {
      if (o.status === 'rejected') {
        expect(o.reason).toBeInstanceOf(WrongExpectedRevision);
        expect((o.reason as WrongExpectedRevision).actual).toBe(expected + 2);
      }
    }
    expected = winners[0]!.value.nextExpectedRevision;
  }
  // Appends to different streams from both sides, all at once.
  await Promise.all(
    Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).append(freshStreamId(), newEvents(3), 'no_stream')),
  );
}
