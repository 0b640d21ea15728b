import { createHash } from 'node:crypto';
import { type ChainedEventFields, eventCanonicalBytes } from '../hash-chain';

/** An event as the log stores it: the fields the chain commits to, and the stored chain hash. */
export interface LedgerEvent extends ChainedEventFields {
  /** Hex SHA-256(prevHash ‖ canonical event). */
  hash: string;
}

export interface EventDigests {
  /** SHA-256(prev ‖ canonical event): what the event's stored hash must be. */
  chain: Buffer;
  /** SHA-256(0x00 ‖ canonical event): the event's Merkle leaf. */
  leaf: Buffer;
}

const LEAF_PREFIX = Buffer.from([0x00]);

/**
 * Both hashes of an event from one canonicalisation: RFC 8785 is the expensive part, and the
 * chain and the leaf commit to the same bytes, so doing it twice would halve throughput.
 */
export function eventDigests(prevChainHash: Uint8Array, event: ChainedEventFields): EventDigests {
  const bytes = eventCanonicalBytes(event);
  return {
    chain: createHash('sha256').update(prevChainHash).update(bytes).digest(),
    leaf: createHash('sha256').update(LEAF_PREFIX).update(bytes).digest(),
  };
}
