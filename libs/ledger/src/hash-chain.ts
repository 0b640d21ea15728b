import { createHash } from 'node:crypto';
import { canonicalBytes } from './canonical-json';

/** The fields of a stored event that the chain and the Merkle leaves commit to. */
export interface ChainedEventFields {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: unknown;
  metadata: unknown;
}

export const HASH_BYTES = 32;
export const GENESIS_HASH: Buffer = Buffer.alloc(HASH_BYTES);

/**
 * The canonical bytes of an event: what the hash chain and the Merkle leaf commit to.
 * Every backend (SQLite, PostgreSQL, KurrentDB) and the offline verifier use this one
 * function, so a bundle exported from any of them checks the same way.
 */
export function eventCanonicalBytes(e: ChainedEventFields): Buffer {
  return canonicalBytes({
    position: e.position,
    stream: e.streamId,
    revision: e.revision,
    eventId: e.eventId,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
  });
}

/** hash = SHA-256(prevHash ‖ canonical event). */
export function chainHash(prevHash: Uint8Array, e: ChainedEventFields): Buffer {
  if (prevHash.length !== HASH_BYTES) throw new RangeError(`prevHash must be ${HASH_BYTES} bytes`);
  return createHash('sha256').update(prevHash).update(eventCanonicalBytes(e)).digest();
}
