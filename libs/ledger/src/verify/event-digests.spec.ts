import fc from 'fast-check';
import { chainHash, GENESIS_HASH } from '../hash-chain';
import { eventLeafHash } from '../merkle';
import { eventDigests } from './event-digests';

describe('eventDigests', () => {
  it('gives exactly chainHash and eventLeafHash, from one canonicalisation', () => {
    fc.assert(
      fc.property(
        fc.record({
          position: fc.nat(),
          streamId: fc.string(),
          revision: fc.nat(),
          eventId: fc.uuid(),
          type: fc.string(),
          data: fc.jsonValue({ maxDepth: 3 }),
          metadata: fc.jsonValue({ maxDepth: 2 }),
        }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (event, prev) => {
          const { chain, leaf } = eventDigests(prev, event);
          expect(chain.equals(chainHash(prev, event))).toBe(true);
          expect(leaf.equals(eventLeafHash(event))).toBe(true);
        },
      ),
      { numRuns: 1_000 },
    );
    const e = { position: 0, streamId: 's', revision: 0, eventId: 'x', type: 't', data: { 'tiếng Việt': '\ud800' }, metadata: {} };
    expect(eventDigests(GENESIS_HASH, e).chain.equals(chainHash(GENESIS_HASH, e))).toBe(true);
  });
});
