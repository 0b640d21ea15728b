import fc from 'fast-check';
import { emptyRoot, leafHash } from './hashing';
import { MerkleError, type MerkleErrorCode } from './merkle-error';
import { MerkleFrontier } from './merkle-frontier';
import { MemoryNodeStore } from './node-store';
import { consistencyProof, inclusionProof } from './proofs';
import { pathShape, proofShape, syntheticLeaves } from './testing/rfc9162-reference';
import { verifyConsistency, verifyInclusion } from './verify';

/**
 * Adversarial tests in the manner of Trillian / transparency-dev: take a valid proof, damage
 * it every way a dishonest or broken log could, and require the verifier to reject each one.
 */

const MAX = 33;
const leaves = syntheticLeaves(MAX);
const store = new MemoryNodeStore();
const frontier = new MerkleFrontier(store.sink);
const roots: Buffer[] = [frontier.root()];
for (const leaf of leaves) {
  frontier.append(leaf);
  roots.push(frontier.root());
}

function rejection(fn: () => void): MerkleErrorCode | 'accepted' {
  try {
    fn();
    return 'accepted';
  } catch (e) {
    if (e instanceof MerkleError) return e.code;
    throw e;
  }
}

function flipBit(proof: Buffer[], element: number, bit: number): Buffer[] {
  const copy = proof.map((h) => Buffer.from(h));
  copy[element][bit >> 3] ^= 1 << (bit & 7);
  return copy;
}

const sizes = Array.from({ length: MAX }, (_, i) => i + 1);

describe('verifyInclusion rejects every damaged proof', () => {
  const sizeLies = { total: 0, rejected: 0 };
  afterAll(() => {
    // Guard against the shape exemption swallowing the test: most size lies change the shape.
    expect(sizeLies.rejected).toBeGreaterThan(sizeLies.total * 0.75);
  });

  it.each(sizes)('tree of %d leaves: flipped bits, wrong index, wrong size, wrong leaf, wrong root, bad length', (size) => {
    for (let index = 0; index < size; index++) {
      const leaf = leaves[index];
      const root = roots[size];
      const proof = inclusionProof(index, size, store);
      expect(rejection(() => verifyInclusion(leaf, index, size, proof, root))).toBe('accepted');

      // One flipped bit in every element, at a few positions spread over the hash.
      for (let e = 0; e < proof.length; e++) {
        for (const bit of [0, 7, 100, 255]) {
          expect(rejection(() => verifyInclusion(leaf, index, size, flipBit(proof, e, bit), root))).toBe('MERKLE_ROOT_MISMATCH');
        }
      }
      // The same proof claimed for every other index, and for every other tree size. A lied
      // size whose path has the very same shape hashes identically and cannot be caught by
      // any proof verifier (the signed checkpoint binds size to root); every other lie must be.
      for (let other = 0; other < size * 2 + 2; other++) {
        if (other !== index) expect(rejection(() => verifyInclusion(leaf, other, size, proof, root))).not.toBe('accepted');
        if (other !== size) {
          const indistinguishable = other > index && pathShape(index, other) === pathShape(index, size);
          const verdict = rejection(() => verifyInclusion(leaf, index, other, proof, root));
          expect(verdict === 'accepted').toBe(indistinguishable);
          sizeLies.total += 1;
          if (!indistinguishable) sizeLies.rejected += 1;
        }
      }
      // A different leaf; the root of another size; a flipped bit in the leaf or the root.
      expect(rejection(() => verifyInclusion(leaves[(index + 1) % MAX], index, size, proof, root))).toBe('MERKLE_ROOT_MISMATCH');
      expect(rejection(() => verifyInclusion(leaf, index, size, proof, roots[size - 1]))).toBe('MERKLE_ROOT_MISMATCH');
      expect(rejection(() => verifyInclusion(leaf, index, size, proof, flipBit([root], 0, 9)[0]))).toBe('MERKLE_ROOT_MISMATCH');
      expect(rejection(() => verifyInclusion(flipBit([leaf], 0, 3)[0], index, size, proof, root))).toBe('MERKLE_ROOT_MISMATCH');
      // Too long, too short, garbage front or back, a hash of the wrong size.
      expect(rejection(() => verifyInclusion(leaf, index, size, [...proof, root], root))).toBe('MERKLE_PROOF_LENGTH');
      expect(rejection(() => verifyInclusion(leaf, index, size, [leaf, ...proof], root))).toBe('MERKLE_PROOF_LENGTH');
      if (proof.length > 0) {
        expect(rejection(() => verifyInclusion(leaf, index, size, proof.slice(1), root))).toBe('MERKLE_PROOF_LENGTH');
        expect(rejection(() => verifyInclusion(leaf, index, size, proof.slice(0, -1), root))).toBe('MERKLE_PROOF_LENGTH');
        const truncated = [...proof.slice(0, -1), proof[proof.length - 1].subarray(1)];
        expect(rejection(() => verifyInclusion(leaf, index, size, truncated, root))).toBe('MERKLE_HASH_LENGTH');
      }
      if (proof.length > 1) {
        const swapped = [proof[1], proof[0], ...proof.slice(2)];
        expect(rejection(() => verifyInclusion(leaf, index, size, swapped, root))).toBe('MERKLE_ROOT_MISMATCH');
      }
    }
  });

  it('rejects every claim about the empty tree and indices at or past the size', () => {
    const leaf = leaves[0];
    expect(rejection(() => verifyInclusion(leaf, 0, 0, [], emptyRoot))).toBe('MERKLE_INDEX_OUT_OF_RANGE');
    expect(rejection(() => verifyInclusion(emptyRoot, 0, 0, [], emptyRoot))).toBe('MERKLE_INDEX_OUT_OF_RANGE');
    expect(rejection(() => verifyInclusion(leaf, 5, 5, inclusionProof(4, 5, store), roots[5]))).toBe('MERKLE_INDEX_OUT_OF_RANGE');
    expect(rejection(() => verifyInclusion(leaf, 0, 1, [], leaf))).toBe('accepted');
    expect(rejection(() => verifyInclusion(Buffer.alloc(0), 0, 1, [], leaf))).toBe('MERKLE_HASH_LENGTH');
    expect(rejection(() => verifyInclusion(leaf, -1, 1, [], leaf))).toBe('MERKLE_INVALID_ARGUMENT');
    expect(rejection(() => verifyInclusion(leaf, 0, Number.MAX_SAFE_INTEGER + 1, [], leaf))).toBe('MERKLE_INVALID_ARGUMENT');
  });

  it('rejects a random single-bit change anywhere in a proof of a 1000-leaf tree (property)', () => {
    const big = new MemoryNodeStore();
    const f = new MerkleFrontier(big.sink);
    for (let i = 0; i < 1000; i++) f.append(leafHash(Buffer.from(`event-${i}`)));
    const root = f.root();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.nat(), fc.integer({ min: 0, max: 255 }), (index, e, bit) => {
        const leaf = leafHash(Buffer.from(`event-${index}`));
        const proof = inclusionProof(index, 1000, big);
        expect(rejection(() => verifyInclusion(leaf, index, 1000, proof, root))).toBe('accepted');
        const tampered = flipBit(proof, e % proof.length, bit);
        expect(rejection(() => verifyInclusion(leaf, index, 1000, tampered, root))).toBe('MERKLE_ROOT_MISMATCH');
      }),
      { numRuns: 300 },
    );
  });
});

describe('verifyConsistency rejects every damaged proof', () => {
  const sizeLies = { total: 0, rejected: 0 };
  afterAll(() => {
    expect(sizeLies.rejected).toBeGreaterThan(sizeLies.total * 0.75);
  });

  it.each(sizes)('new size %d: flipped bits, lied sizes, swapped or foreign roots, bad length', (size2) => {
    for (let size1 = 1; size1 < size2; size1++) {
      const proof = consistencyProof(size1, size2, store);
      const [root1, root2] = [roots[size1], roots[size2]];
      expect(rejection(() => verifyConsistency(size1, size2, proof, root1, root2))).toBe('accepted');

      for (let e = 0; e < proof.length; e++) {
        for (const bit of [0, 4, 130, 255]) {
          expect(rejection(() => verifyConsistency(size1, size2, flipBit(proof, e, bit), root1, root2))).toBe(
            'MERKLE_ROOT_MISMATCH',
          );
        }
      }
      // The same proof and roots claimed for every other pair of sizes: rejected unless the
      // lie has the same proof shape (see the inclusion case above).
      const shape = proofShape(size1, size2);
      for (let other = 0; other <= size2 * 2 + 1; other++) {
        if (other !== size1) {
          const same = other > 0 && other < size2 && proofShape(other, size2) === shape;
          expect(rejection(() => verifyConsistency(other, size2, proof, root1, root2)) === 'accepted').toBe(same);
          sizeLies.total += 1;
          if (!same) sizeLies.rejected += 1;
        }
        if (other !== size2) {
          const same = other > size1 && proofShape(size1, other) === shape;
          expect(rejection(() => verifyConsistency(size1, other, proof, root1, root2)) === 'accepted').toBe(same);
          sizeLies.total += 1;
          if (!same) sizeLies.rejected += 1;
        }
      }
      expect(rejection(() => verifyConsistency(size1, size2, proof, root2, root1))).not.toBe('accepted');
      expect(rejection(() => verifyConsistency(size1, size2, proof, roots[size1 - 1], root2))).toBe('MERKLE_ROOT_MISMATCH');
      expect(rejection(() => verifyConsistency(size1, size2, proof, root1, roots[size2 - 1]))).toBe('MERKLE_ROOT_MISMATCH');
      expect(rejection(() => verifyConsistency(size1, size2, [...proof, root2], root1, root2))).toBe('MERKLE_PROOF_LENGTH');
      expect(rejection(() => verifyConsistency(size1, size2, [root1, ...proof], root1, root2))).toBe('MERKLE_PROOF_LENGTH');
      expect(rejection(() => verifyConsistency(size1, size2, proof.slice(0, -1), root1, root2))).toBe('MERKLE_PROOF_LENGTH');
      expect(rejection(() => verifyConsistency(size1, size2, [], root1, root2))).toBe('MERKLE_PROOF_LENGTH');
    }
  });

  it('decides the degenerate cases the way transparency-dev/merkle does', () => {
    const [r1, r5] = [roots[1], roots[5]];
    expect(rejection(() => verifyConsistency(5, 5, [], r5, r5))).toBe('accepted');
    expect(rejection(() => verifyConsistency(5, 5, [], r5, r1))).toBe('MERKLE_ROOT_MISMATCH'); // split view
    expect(rejection(() => verifyConsistency(5, 5, [r5], r5, r5))).toBe('MERKLE_PROOF_LENGTH');
    expect(rejection(() => verifyConsistency(6, 5, [], r5, r5))).toBe('MERKLE_SIZE_ORDER');
    expect(rejection(() => verifyConsistency(0, 5, [], emptyRoot, r5))).toBe('MERKLE_EMPTY_TREE');
    expect(rejection(() => verifyConsistency(0, 0, [], emptyRoot, emptyRoot))).toBe('MERKLE_EMPTY_TREE');
    expect(rejection(() => verifyConsistency(1, 2 ** 60, [], r1, r5))).toBe('MERKLE_INVALID_ARGUMENT');
  });
});
