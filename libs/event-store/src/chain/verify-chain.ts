import { chainHash, GENESIS_HASH } from '@vinhdanh/ledger';
import type { StoredEvent } from '../event';
import type { ChainVerification } from '../event-store.port';

/**
 * Recomputes the chain over `events` (in position order, starting at `from`) from `prevHash`,
 * the stored hash of position `from - 1` (the genesis hash when `from` is 0). A missing
 * position, an edited field, or rows moved around all show as the first position whose
 * recomputed hash differs from the stored one.
 */
export async function verifyEventChain(
  events: AsyncIterable<StoredEvent>,
  from: number,
  prevHash: Buffer = GENESIS_HASH,
): Promise<ChainVerification> {
  let expected = from;
  let prev = prevHash;
  let checked = 0;
  for await (const event of events) {
    if (event.position !== expected) {
      return { ok: false, checked, brokenAt: expected, reason: `position ${expected} is missing` };
    }
    let computed: Buffer;
    try {
      computed = chainHash(prev, event);
    } catch (error) {
      return { ok: false, checked, brokenAt: expected, reason: `stored event cannot be canonicalised: ${String(error)}` };
    }
    const stored = Buffer.from(event.hash, 'hex');
    if (!computed.equals(stored)) {
      return { ok: false, checked, brokenAt: expected, reason: 'stored hash does not match the recomputed chain' };
    }
    prev = computed;
    expected += 1;
    checked += 1;
  }
  return { ok: true, checked, headHash: prev.toString('hex') };
}
