import { randomInt } from 'node:crypto';

/**
 * Fisher–Yates with a CSPRNG (crypto.randomInt is unbiased), in place. The order ballots are
 * revealed in must say nothing about the order they were cast in, so Math.random will not do.
 */
export function cryptoShuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
