import { hashesEqual, MERKLE_HASH_SIZE, nodeHash } from './hashing';
import { assertCount, MerkleError } from './merkle-error';
import { isPowerOfTwo } from './tree-math';

/**
 * Verifiers of RFC 9162 §2.1.3.2 and §2.1.4.2, step for step. "LSB" is x % 2 and
 * "right-shift" is Math.floor(x / 2) because sizes may exceed 32 bits.
 *
 * A proof authenticates the leaf (or the old root) against the root; it cannot by itself
 * authenticate the tree size: sizes whose proofs have the same shape (e.g. index 0 in trees
 * of 3 and 4 leaves) hash identically. Always take size and root together from a verified
 * checkpoint signature, never from the party that sends the proof.
 */

const half = (x: number): number => Math.floor(x / 2);

function checkHash(hash: Uint8Array, what: string): void {
  if (hash.length !== MERKLE_HASH_SIZE) {
    throw new MerkleError('MERKLE_HASH_LENGTH', `${what} must be ${MERKLE_HASH_SIZE} bytes, got ${hash.length}`);
  }
}

function checkProofLength(proof: readonly Uint8Array[], want: number, what: string): void {
  if (proof.length !== want) {
    throw new MerkleError('MERKLE_PROOF_LENGTH', `${what} has ${proof.length} hashes, want ${want}`);
  }
  proof.forEach((p, i) => checkHash(p, `proof[${i}]`));
}

/**
 * The number of hashes the RFC 9162 verification loop consumes from node fn of a tree whose
 * last node is sn: both proof-length functions walk this same loop.
 */
function pathSteps(fn: number, sn: number): number {
  let length = 0;
  while (sn > 0) {
    if (fn % 2 === 1 || fn === sn) {
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    }
    fn = half(fn);
    sn = half(sn);
    length += 1;
  }
  return length;
}

/** How many hashes PATH(index, D[size]) holds: the RFC verifier's loop, run without hashing. */
export function inclusionProofLength(index: number, size: number): number {
  assertCount(index, 'index');
  assertCount(size, 'size');
  if (index >= size) {
    throw new MerkleError('MERKLE_INDEX_OUT_OF_RANGE', `leaf index ${index} is not below tree size ${size}`);
  }
  return pathSteps(index, size - 1);
}

/** How many hashes PROOF(size1, D[size2]) holds, for 0 < size1 < size2. */
export function consistencyProofLength(size1: number, size2: number): number {
  assertCount(size1, 'size1');
  assertCount(size2, 'size2');
  if (size1 > size2) throw new MerkleError('MERKLE_SIZE_ORDER', `size1 ${size1} is greater than size2 ${size2}`);
  if (size1 === 0) throw new MerkleError('MERKLE_EMPTY_TREE', 'a consistency proof from the empty tree is meaningless');
  if (size1 === size2) return 0;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  // consistency_path[0] comes first; for a power-of-two size1 it is first_hash itself.
  const length = 1 + pathSteps(fn, sn);
  return isPowerOfTwo(size1) ? length - 1 : length;
}

/** The root that `proof` leads to from `leafHash` at `index` in a tree of `size` leaves. */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
): Buffer {
  const want = inclusionProofLength(index, size);
  checkHash(leafHash, 'leaf hash');
  checkProofLength(proof, want, 'inclusion proof');
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof) {
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return r;
}

/** Throws a MerkleError unless `proof` shows the leaf at `index` is in the tree of `size` leaves with `root`. */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  const calculated = rootFromInclusionProof(leafHash, index, size, proof);
  if (!hashesEqual(calculated, root)) {
    throw new MerkleError(
      'MERKLE_ROOT_MISMATCH',
      `inclusion proof for leaf ${index} of ${size} leads to a different root than the one given`,
    );
  }
}

/**
 * Throws a MerkleError unless `proof` shows the tree of `size2` leaves with `root2` is an
 * append-only extension of the tree of `size1` leaves with `root1`.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  const want = consistencyProofLength(size1, size2);
  if (size1 === size2) {
    if (proof.length !== 0) {
      throw new MerkleError('MERKLE_PROOF_LENGTH', `sizes are equal, so the proof must be empty; it has ${proof.length} hashes`);
    }
    if (!hashesEqual(root1, root2)) {
      throw new MerkleError('MERKLE_ROOT_MISMATCH', `two different roots for the same tree size ${size1}`);
    }
    return;
  }
  checkProofLength(proof, want, 'consistency proof');
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (!hashesEqual(fr, root1)) {
    throw new MerkleError('MERKLE_ROOT_MISMATCH', `consistency proof ${size1}→${size2} does not lead to the old root`);
  }
  if (!hashesEqual(sr, root2)) {
    throw new MerkleError('MERKLE_ROOT_MISMATCH', `consistency proof ${size1}→${size2} does not lead to the new root`);
  }
}
