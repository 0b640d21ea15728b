import { type ChainedEventFields, eventCanonicalBytes } from '../hash-chain';
import { leafHash } from './hashing';

/** The Merkle leaf of a stored event: the same canonical bytes the hash chain commits to. */
export function eventLeafHash(event: ChainedEventFields): Buffer {
  return leafHash(eventCanonicalBytes(event));
}
