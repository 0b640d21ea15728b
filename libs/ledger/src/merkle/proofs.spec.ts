import { leafHash } from './hashing';
import { MerkleError } from './merkle-error';
import { MerkleFrontier, rootFromLeafHashes } from './merkle-frontier';
import { MemoryNodeStore, type NodeReader } from './node-store';
import {
  consistencyProof,
  consistencyProofAsync,
  consistencyProofPlan,
  inclusionProof,
  inclusionProofAsync,
  inclusionProofPlan,
  treeRoot,
  treeRootAsync,
} from './proofs';
import { mth, path, proof, syntheticLeaves } from './testing/rfc9162-reference';
import { rangeNodes } from './tree-math';
import { consistencyProofLength, inclusionProofLength, verifyConsistency, verifyInclusion } from './verify';

const MAX = 70;
const leaves = syntheticLeaves(MAX);

function build(count: number): { store: MemoryNodeStore; frontier: MerkleFrontier; roots: Buffer[] } {
  const store = new MemoryNodeStore();
  const frontier = new MerkleFrontier(store.sink);
  const roots = [frontier.root()];
  for (const leaf of leaves.slice(0, count)) {
    frontier.append(leaf);
    roots.push(frontier.root());
  }
  return { store, frontier, roots };
}

/** Counts reads, to hold proofs to O(log n) stored nodes. */
function counting(store: NodeReader): NodeReader & { reads: number } {
  const counter = {
    reads: 0,
    getNode(level: number, index: number) {
      counter.reads += 1;
      return store.getNode(level, index);
    },
  };
  return counter;
}

const log2ceil = (n: number): number => Math.ceil(Math.log2(n));
const hex = (hs: Buffer[]): string[] => hs.map((h) => h.toString('hex'));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof MerkleError) return e.code;
    throw e;
  }
  return undefined;
}

describe('frontier and node-store proofs against a naive full recompute (RFC 9162 as written)', () => {
  const { store, frontier, roots } = build(MAX);

  it('gives the root of every size while appending', () => {
    for (let size = 0; size <= MAX; size++) expect(roots[size].equals(mth(leaves.slice(0, size)))).toBe(true);
    expect(frontier.size).toBe(MAX);
  });

  it('gives the root of every past size from the node store', () => {
    for (let size = 0; size <= MAX; size++) expect(treeRoot(size, store).equals(roots[size])).toBe(true);
  });

  it('stores every perfect subtree exactly once: 2n - popcount(n) nodes', () => {
    const seen = new Set<string>();
    const f = new MerkleFrontier((level, index) => {
      const key = `${level}/${index}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    });
    leaves.forEach((leaf) => f.append(leaf));
    const popcount = MAX.toString(2).replace(/0/g, '').length;
    expect(seen.size).toBe(2 * MAX - popcount);
  });

  it('builds the RFC inclusion proof for every index of every size 1..70, reading O(log n) nodes', () => {
    let checked = 0;
    for (let size = 1; size <= MAX; size++) {
      for (let index = 0; index < size; index++) {
        const reader = counting(store);
        const got = inclusionProof(index, size, reader);
        expect(hex(got)).toEqual(hex(path(index, leaves.slice(0, size))));
        expect(got.length).toBe(inclusionProofLength(index, size));
        expect(reader.reads).toBeLessThanOrEqual(2 * log2ceil(size));
        verifyInclusion(leaves[index], index, size, got, roots[size]);
        checked += 1;
      }
    }
    expect(checked).toBe((MAX * (MAX + 1)) / 2);
  });

  it('builds the RFC consistency proof for every pair 1 ≤ size1 ≤ size2 ≤ 70, reading O(log n) nodes', () => {
    let checked = 0;
    for (let size2 = 1; size2 <= MAX; size2++) {
      for (let size1 = 1; size1 <= size2; size1++) {
        const reader = counting(store);
        const got = consistencyProof(size1, size2, reader);
        expect(hex(got)).toEqual(hex(size1 === size2 ? [] : proof(size1, leaves.slice(0, size2))));
        expect(got.length).toBe(consistencyProofLength(size1, size2));
        expect(reader.reads).toBeLessThanOrEqual(2 * log2ceil(size2) + 1);
        verifyConsistency(size1, size2, got, roots[size1], roots[size2]);
        checked += 1;
      }
    }
    expect(checked).toBe((MAX * (MAX + 1)) / 2);
  });

  it('takes a bare getNode function as well as a store', () => {
    const getNode = (level: number, index: number) => store.getNode(level, index);
    expect(hex(inclusionProof(17, 61, getNode))).toEqual(hex(inclusionProof(17, 61, store)));
    expect(hex(consistencyProof(17, 61, getNode))).toEqual(hex(consistencyProof(17, 61, store)));
    expect(treeRoot(61, getNode).equals(roots[61])).toBe(true);
  });

  it('answers the same through the batched async reader', async () => {
    for (const [index, size] of [[0, 1], [5, 8], [12, 13], [40, 70], [69, 70]]) {
      expect(hex(await inclusionProofAsync(index, size, store))).toEqual(hex(inclusionProof(index, size, store)));
      expect(hex(await consistencyProofAsync(index + 1, size, store))).toEqual(hex(consistencyProof(index + 1, size, store)));
      expect((await treeRootAsync(size, store)).equals(roots[size])).toBe(true);
    }
  });

  it('refuses proofs it cannot build, with a code', () => {
    const small = build(10).store;
    expect(codeOf(() => inclusionProof(3, 11, small))).toBe('MERKLE_NODE_MISSING');
    expect(codeOf(() => consistencyProof(4, 12, small))).toBe('MERKLE_NODE_MISSING');
    expect(codeOf(() => treeRoot(11, small))).toBe('MERKLE_NODE_MISSING');
    expect(codeOf(() => inclusionProof(10, 10, small))).toBe('MERKLE_INDEX_OUT_OF_RANGE');
    expect(codeOf(() => inclusionProof(0, 0, small))).toBe('MERKLE_INDEX_OUT_OF_RANGE');
    expect(codeOf(() => consistencyProof(6, 5, small))).toBe('MERKLE_SIZE_ORDER');
    expect(codeOf(() => consistencyProof(0, 5, small))).toBe('MERKLE_EMPTY_TREE');
    expect(codeOf(() => inclusionProof(-1, 5, small))).toBe('MERKLE_INVALID_ARGUMENT');
    expect(codeOf(() => inclusionProof(1.5, 5, small))).toBe('MERKLE_INVALID_ARGUMENT');
    expect(codeOf(() => inclusionProof(0, 2 ** 64, small))).toBe('MERKLE_INVALID_ARGUMENT');
  });
});

describe('MerkleFrontier', () => {
  it('resumes from saved state or from the node store and carries on with the same roots', () => {
    const { store, frontier, roots } = build(MAX);
    for (const size of [0, 1, 2, 3, 7, 8, 33, 64]) {
      const partial = build(size).frontier;
      const fromState = MerkleFrontier.fromState(partial.state());
      const fromStore = MerkleFrontier.fromStore(size, store);
      for (const f of [fromState, fromStore]) {
        expect(f.root().equals(roots[size])).toBe(true);
        leaves.slice(size).forEach((leaf) => f.append(leaf));
        expect(f.root().equals(frontier.root())).toBe(true);
      }
    }
  });

  it('resumed over the same node store, keeps filling it so later proofs are served', () => {
    const { store } = build(MAX);
    const partial = build(23).store;
    const resumed = MerkleFrontier.fromStore(23, partial, partial.sink);
    leaves.slice(23).forEach((leaf) => resumed.append(leaf));
    expect(partial.leafCount).toBe(MAX);
    for (const [index, size] of [[0, MAX], [22, 40], [23, 24], [69, MAX]]) {
      expect(hex(inclusionProof(index, size, partial))).toEqual(hex(inclusionProof(index, size, store)));
    }
    expect(hex(consistencyProof(23, MAX, partial))).toEqual(hex(consistencyProof(23, MAX, store)));
  });

  it('rejects state of the wrong shape and leaves that are not 32-byte hashes', () => {
    const state = build(5).frontier.state(); // 5 = 101b: two subtrees
    expect(state.hashes).toHaveLength(2);
    expect(codeOf(() => MerkleFrontier.fromState({ size: 6, hashes: state.hashes.slice(0, 1) }))).toBe('MERKLE_INVALID_ARGUMENT');
    expect(codeOf(() => MerkleFrontier.fromState({ size: 5, hashes: [state.hashes[0], Buffer.alloc(31)] }))).toBe(
      'MERKLE_HASH_LENGTH',
    );
    expect(codeOf(() => new MerkleFrontier().append(Buffer.from('not a hash')))).toBe('MERKLE_HASH_LENGTH');
  });

  it('rootFromLeafHashes hashes data leaves with the 0x00 prefix and nodes with 0x01 (RFC 9162 §2.1.1)', () => {
    const a = leafHash(Buffer.from('a'));
    expect(a.toString('hex')).toBe('022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c');
    expect(rootFromLeafHashes([a]).equals(a)).toBe(true);
  });
});

describe('MemoryNodeStore', () => {
  it('refuses out-of-order writes and a second, different hash for the same node', () => {
    const store = new MemoryNodeStore();
    store.setNode(0, 0, leaves[0]);
    store.setNode(0, 0, leaves[0]); // replaying the same node is harmless
    expect(codeOf(() => store.setNode(0, 2, leaves[2]))).toBe('MERKLE_INVALID_ARGUMENT');
    expect(codeOf(() => store.setNode(0, 0, leaves[1]))).toBe('MERKLE_INVALID_ARGUMENT');
    expect(store.leafCount).toBe(1);
  });

  it('hands out copies, so editing a proof cannot corrupt the tree', () => {
    const { store, roots } = build(8);
    const p = inclusionProof(3, 8, store);
    p[0][0] ^= 0xff;
    expect(treeRoot(8, store).equals(roots[8])).toBe(true);
  });
});

describe('tree arithmetic beyond 32 bits', () => {
  // Reference formula with BigInt: inner = bitlen(index ^ (size-1)), border = popcount(index >> inner).
  function refInclusionLength(index: bigint, size: bigint): number {
    const inner = (index ^ (size - 1n)).toString(2).replace(/^0+/, '').length;
    const border = (index >> BigInt(inner)).toString(2).replace(/0/g, '').length;
    return inner + border;
  }

  const big: Array<[number, number]> = [
    [0, 2 ** 40 + 3],
    [2 ** 33 + 5, 2 ** 34],
    [2 ** 52, 2 ** 52 + 1],
    [2 ** 53 - 2, 2 ** 53 - 1],
    [123_456_789_012, 987_654_321_098],
  ];

  it.each(big)('plans an inclusion proof of the right length for index %d of size %d', (index, size) => {
    const want = refInclusionLength(BigInt(index), BigInt(size));
    expect(inclusionProofLength(index, size)).toBe(want);
    expect(inclusionProofPlan(index, size).groups).toHaveLength(want);
  });

  it.each(big.filter(([size1]) => size1 > 0))('plans a consistency proof whose length the verifier expects, %d → %d', (size1, size2) => {
    expect(consistencyProofPlan(size1, size2).groups).toHaveLength(consistencyProofLength(size1, size2));
  });

  it('covers a range with one perfect subtree per set bit', () => {
    const size = 2 ** 52 + 2 ** 20 + 1;
    expect(rangeNodes(0, size)).toEqual([
      { level: 52, index: 0 },
      { level: 20, index: 2 ** 32 },
      { level: 0, index: 2 ** 52 + 2 ** 20 },
    ]);
    expect(rangeNodes(8, 13)).toEqual([{ level: 2, index: 2 }, { level: 0, index: 12 }]);
    expect(codeOf(() => rangeNodes(1, 3))).toBe('MERKLE_INVALID_ARGUMENT'); // no aligned cover: never part of a proof
  });
});
