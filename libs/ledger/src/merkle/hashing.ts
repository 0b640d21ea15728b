import { createHash } from 'node:crypto';

/** RFC 9162 §2.1.1 uses SHA-256; every hash in the tree is this many bytes. */
export const MERKLE_HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/**
 * MTH({d(0)}) = SHA-256(0x00 ‖ d(0)). The prefix keeps a leaf from ever being read as an
 * interior node (second-preimage resistance, RFC 9162 §2.1.1).
 */
export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** MTH({}) = SHA-256(""): the root of the empty tree. */
export const emptyRoot: Buffer = createHash('sha256').digest();

/** Hashes are compared as bytes: a hex or base64 string folded to one case could match a different hash. */
export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
