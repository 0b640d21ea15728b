import { hash } from 'node:crypto';
import type { ChainedEventFields } from '../hash-chain';
import { fastCanonicalJson } from './fast-canonical';

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

/**
 * Both hashes of an event from one canonicalisation: RFC 8785 is the expensive part, and the
 * chain and the leaf commit to the same bytes, so doing it twice would halve throughput. The
 * bytes are those of eventCanonicalBytes (same fields, same canonical form), written once
 * after a 32-byte slot: the slot holds the previous hash for the chain, then its last byte
 * becomes the 0x00 leaf prefix. One-shot crypto.hash avoids a Hash object per digest.
 */
export function eventDigests(prevChainHash: Uint8Array, event: ChainedEventFields): EventDigests {
  return digestsOfCanonical(prevChainHash, canonicalEventText(event));
}

/** The canonical text eventCanonicalBytes encodes (field names as the chain defines them). */
export function canonicalEventText(event: ChainedEventFields): string {
  return fastCanonicalJson({
    position: event.position,
    stream: event.streamId,
    revision: event.revision,
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  });
}

/** Both hashes from canonical bytes (or text) already in hand, e.g. as a bundle line carries them. */
export function digestsOfCanonical(prevChainHash: Uint8Array, canonical: string | Uint8Array): EventDigests {
  if (typeof canonical !== 'string') {
    const buf = Buffer.allocUnsafe(32 + canonical.length);
    buf.set(prevChainHash, 0);
    buf.set(canonical, 32);
    const chain = hash('sha256', buf, 'buffer');
    buf[31] = 0x00;
    return { chain, leaf: hash('sha256', buf.subarray(31), 'buffer') };
  }
  const text = canonical;
  const length = Buffer.byteLength(text, 'utf8');
  const buf = Buffer.allocUnsafe(32 + length);
  buf.set(prevChainHash, 0);
  buf.write(text, 32, 'utf8');
  const chain = hash('sha256', buf, 'buffer');
  buf[31] = 0x00;
  const leaf = hash('sha256', buf.subarray(31), 'buffer');
  return { chain, leaf };
}
