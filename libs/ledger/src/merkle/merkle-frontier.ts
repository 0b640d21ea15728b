import { emptyRoot, MERKLE_HASH_SIZE, nodeHash } from './hashing';
import { assertCount, MerkleError } from './merkle-error';
import type { NodeReader, NodeSink } from './node-store';
import { rangeNodes } from './tree-math';

/** What a frontier needs to resume: the size and one hash per set bit of it, largest subtree first. */
export interface FrontierState {
  size: number;
  hashes: Buffer[];
}

/**
 * The compact range [0, size) of a log (transparency-dev/merkle `compact.Range`): the roots of
 * the perfect subtrees that cover all leaves so far, one per set bit of size. Appending a leaf
 * merges equal-sized neighbours like a binary counter carries, so it costs O(log n) hashes
 * amortised O(1); the root of the current size is O(log n) more.
 */
export class MerkleFrontier {
  private count = 0;
  /** Perfect subtree roots, left (largest) to right (smallest). */
  private readonly stack: Buffer[] = [];

  /** `sink` sees every completed perfect subtree, leaves included, so proofs can be served later. */
  constructor(private readonly sink?: NodeSink) {}

  /** Resume from saved state (e.g. the worker's checkpoint row) without replaying the log. */
  static fromState(state: FrontierState, sink?: NodeSink): MerkleFrontier {
    assertCount(state.size, 'size');
    const expected = rangeNodes(0, state.size).length;
    if (state.hashes.length !== expected) {
      throw new MerkleError(
        'MERKLE_INVALID_ARGUMENT',
        `a frontier of size ${state.size} holds ${expected} hashes, got ${state.hashes.length}`,
      );
    }
    const frontier = new MerkleFrontier(sink);
    for (const h of state.hashes) {
      if (h.length !== MERKLE_HASH_SIZE) {
        throw new MerkleError('MERKLE_HASH_LENGTH', `frontier hash must be ${MERKLE_HASH_SIZE} bytes, got ${h.length}`);
      }
      frontier.stack.push(Buffer.from(h));
    }
    frontier.count = state.size;
    return frontier;
  }

  /** Rebuild the frontier of `size` from a node store: reads O(log n) nodes. */
  static fromStore(size: number, store: NodeReader, sink?: NodeSink): MerkleFrontier {
    assertCount(size, 'size');
    const hashes = rangeNodes(0, size).map(({ level, index }) => {
      const h = store.getNode(level, index);
      if (!h) throw new MerkleError('MERKLE_NODE_MISSING', `node (${level}, ${index}) is not in the store`);
      return Buffer.from(h);
    });
    return MerkleFrontier.fromState({ size, hashes }, sink);
  }

  get size(): number {
    return this.count;
  }

  /** Appends a leaf hash (see leafHash) and returns its index. */
  append(leaf: Uint8Array): number {
    if (leaf.length !== MERKLE_HASH_SIZE) {
      throw new MerkleError('MERKLE_HASH_LENGTH', `leaf hash must be ${MERKLE_HASH_SIZE} bytes, got ${leaf.length}`);
    }
    const index = this.count;
    let hash: Buffer = Buffer.from(leaf);
    this.sink?.(0, index, hash);
    // Each trailing 1 bit of the old size is a subtree of the same height to merge with.
    let n = index;
    let level = 0;
    while (n % 2 === 1) {
      const left = this.stack.pop() as Buffer;
      hash = nodeHash(left, hash);
      level += 1;
      n = (n - 1) / 2;
      this.sink?.(level, n, hash);
    }
    this.stack.push(hash);
    this.count = index + 1;
    return index;
  }

  /** MTH of the first `size` leaves: fold the subtree roots from the right (RFC 9162 §2.1.1). */
  root(): Buffer {
    if (this.stack.length === 0) return Buffer.from(emptyRoot);
    let hash = this.stack[this.stack.length - 1];
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(this.stack[i], hash);
    return Buffer.from(hash);
  }

  state(): FrontierState {
    return { size: this.count, hashes: this.stack.map((h) => Buffer.from(h)) };
  }
}

/** MTH(D[n]) for a list of leaf hashes, in O(n) hashes and O(log n) memory. */
export function rootFromLeafHashes(leaves: Iterable<Uint8Array>): Buffer {
  const frontier = new MerkleFrontier();
  for (const leaf of leaves) frontier.append(leaf);
  return frontier.root();
}
